package dev.runbook.action;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The AWS request ids of the calls a step made, for the journal and report. The context hands actions clients
 * wrapped by {@link #recording}: every response (and every service error) adds its request id here, so no action
 * carries them by hand; the run takes them with {@link #drain} when the step ends. Responses built by a test fake
 * without metadata carry none.
 */
public final class RequestIds {
    private final List<String> ids = new ArrayList<>();

    public static String of(AwsResponse response) {
        return response == null || response.responseMetadata() == null ? null
                : response.responseMetadata().requestId();
    }

    public synchronized void add(String id) {
        if (id != null && !id.isBlank() && !ids.contains(id)) {
            ids.add(id);
        }
    }

    /** The ids recorded since the last drain, in the order the calls were made; the record starts empty again. */
    public synchronized List<String> drain() {
        List<String> out = List.copyOf(ids);
        ids.clear();
        return out;
    }

    /**
     * {@code client} (an SDK client interface such as ElastiCacheClient) recording each call's request id here.
     * Calls by request object are passed on and recorded; the interface's convenience forms (a Consumer of the
     * request builder, no arguments, paginators) run their default body against the wrapper, so every page a
     * paginator fetches passes through it as well.
     */
    public <T> T recording(Class<T> type, T client) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new Recorder(client)));
    }

    private final class Recorder implements InvocationHandler {
        private final Object client;

        Recorder(Object client) {
            this.client = client;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "recording " + client;
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            Class<?>[] params = method.getParameterTypes();
            if (method.isDefault() && convenience(method, params)) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                Object result = method.invoke(client, args);
                if (result instanceof AwsResponse response) {
                    add(of(response));
                }
                return result;
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof AwsServiceException failed) {
                    add(failed.requestId());
                }
                throw e.getCause();
            }
        }

        private static boolean convenience(Method method, Class<?>[] params) {
            return method.getName().endsWith("Paginator")
                    || params.length == 1 && params[0] == Consumer.class
                    || params.length == 0 && AwsResponse.class.isAssignableFrom(method.getReturnType());
        }
    }
}
