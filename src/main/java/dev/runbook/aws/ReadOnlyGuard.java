package dev.runbook.aws;

import dev.runbook.action.Redaction;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The dry run's safety: wraps an SDK client interface so that only reads reach AWS. An operation whose name
 * starts with describe, list or get (and serviceName, serviceClientConfiguration, close, waiter) is passed on; any other is refused with a
 * {@link DryRunRefusedException} naming the request it would have sent, without touching the real client.
 * Enforced here, at the client layer, so no action has to remember to check. The real client is built on the
 * first read (lazily).
 */
public final class ReadOnlyGuard implements InvocationHandler {
    private final Class<?> type;
    private final Supplier<?> delegate;
    private volatile Object client;

    private ReadOnlyGuard(Class<?> type, Supplier<?> delegate) {
        this.type = type;
        this.delegate = delegate;
    }

    /** {@code type} (e.g. ElastiCacheClient.class) guarded; {@code delegate} builds the real client when first needed. */
    public static <T> T wrap(Class<T> type, Supplier<? extends T> delegate) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new ReadOnlyGuard(type, delegate)));
    }

    /** True for the operations a dry run may send. */
    public static boolean isRead(String operation) {
        return operation.startsWith("describe") || operation.startsWith("list") || operation.startsWith("get");
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "toString" -> "read-only " + type.getSimpleName();
                case "hashCode" -> System.identityHashCode(proxy);
                default -> proxy == args[0];
            };
        }
        if (name.equals("close")) {
            if (client != null) {
                ((AutoCloseable) client).close();
            }
            return null;
        }
        if (name.equals("waiter") && (args == null || args.length == 0)) {
            return waiterAround(proxy, method);
        }
        if (name.equals("serviceName") || name.equals("serviceClientConfiguration") || isRead(name)) {
            try {
                return method.invoke(client(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
        throw new DryRunRefusedException(name, Redaction.redact(describe(method, args)));
    }

    private Object client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = delegate.get();
                }
            }
        }
        return client;
    }

    /** A waiter polling through this guard (the SDK's default waiter() would bypass it or fail). */
    private static Object waiterAround(Object proxy, Method method) throws ReflectiveOperationException {
        Method builderMethod = method.getReturnType().getMethod("builder");
        Object builder = builderMethod.invoke(null);
        Class<?> builderType = builderMethod.getReturnType();
        builderType.getMethod("client", method.getDeclaringClass()).invoke(builder, proxy);
        return builderType.getMethod("build").invoke(builder);
    }

    /** The request as the SDK prints it; a Consumer-style call is first built into its request. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private String describe(Method method, Object[] args) {
        if (args == null || args.length == 0) {
            return method.getName() + "()";
        }
        Object arg = args[0];
        if (arg instanceof Consumer<?> consumer) {
            try {
                for (Method m : type.getMethods()) {
                    if (m.getName().equals(method.getName()) && m.getParameterCount() == 1
                            && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])) {
                        Object builder = m.getParameterTypes()[0].getMethod("builder").invoke(null);
                        ((Consumer) consumer).accept(builder);
                        return String.valueOf(((SdkBuilder<?, ?>) builder).build());
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                return method.getName() + "(request could not be shown: " + e.getClass().getSimpleName() + ")";
            }
        }
        return String.valueOf(arg);
    }
}
