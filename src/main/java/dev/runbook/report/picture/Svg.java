package dev.runbook.report.picture;

import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A small SVG document written through the JDK's StAX writer, so every picture is well-formed XML and every
 * text (step names, Korean headings, AWS messages) is escaped by the XML library rather than by hand. Shapes
 * take user units; the document scales to its container ({@code viewBox}, width 100%).
 */
final class Svg {
    static final String FONTS = "'Noto Sans CJK KR', 'Noto Sans KR', 'NanumGothic', 'Apple SD Gothic Neo', "
            + "'Malgun Gothic', 'DejaVu Sans', sans-serif";
    private final StringWriter out = new StringWriter();
    private final XMLStreamWriter xml;

    Svg(int width, int height, String title) {
        try {
            xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartElement("svg");
            xml.writeDefaultNamespace("http://www.w3.org/2000/svg");
            xml.writeAttribute("viewBox", "0 0 " + width + " " + height);
            xml.writeAttribute("width", String.valueOf(width));
            xml.writeAttribute("height", String.valueOf(height));
            xml.writeAttribute("font-family", FONTS);
            xml.writeAttribute("font-size", "12");
            xml.writeAttribute("role", "img");
            element("title", title);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    Svg rect(double x, double y, double w, double h, String fill, String stroke, String tooltip) {
        return shape("rect", tooltip, "x", n(x), "y", n(y), "width", n(Math.max(w, 0.5)), "height", n(h),
                "fill", fill, "stroke", stroke);
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double width, String dash) {
        return shape("line", null, "x1", n(x1), "y1", n(y1), "x2", n(x2), "y2", n(y2), "stroke", stroke,
                "stroke-width", n(width), "stroke-dasharray", dash);
    }

    Svg shapePolyline(String points, String stroke, String dash, String tooltip) {
        return shape("polyline", tooltip, "points", points, "fill", "none", "stroke", stroke, "stroke-width", "1.5",
                "stroke-dasharray", dash);
    }

    /** Text at (x, y); {@code anchor} start|middle|end; {@code weight} null or bold. */
    Svg text(double x, double y, String text, String anchor, String weight, String fill) {
        try {
            xml.writeStartElement("text");
            attrs("x", n(x), "y", n(y), "text-anchor", anchor, "font-weight", weight, "fill", fill);
            xml.writeCharacters(text);
            xml.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the document and returns it. */
    String done() {
        try {
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toString() + "\n";
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private Svg shape(String name, String tooltip, String... attributes) {
        try {
            xml.writeStartElement(name);
            attrs(attributes);
            if (tooltip != null) {
                element("title", tooltip);
            }
            xml.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private void element(String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private void attrs(String... pairs) throws XMLStreamException {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                xml.writeAttribute(pairs[i], pairs[i + 1]);
            }
        }
    }
}
