package dev.runbook.report.picture;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * {@code report.html}: report.md rendered by CommonMark (tables included) with every picture it links put
 * inline as SVG, and the styles in the page — one file that needs no script and fetches nothing. Raw HTML in
 * the Markdown (an AWS message, a step summary) is escaped, never interpreted.
 */
final class HtmlReport {
    private static final String CSS = """
            body { font-family: %s; max-width: 1240px; margin: 2em auto; padding: 0 1em; color: #000; }
            table { border-collapse: collapse; margin: 0.5em 0 1em; }
            th, td { border: 1px solid #9e9e9e; padding: 3px 8px; text-align: left; vertical-align: top; }
            th { background: #eeeeee; }
            blockquote { border-left: 4px solid #ef6c00; margin: 1em 0; padding: 0.2em 1em; background: #fff3e0; }
            figure { margin: 1em 0; } svg { max-width: 100%%; height: auto; }
            @media print { body { max-width: none; } figure { break-inside: avoid; } }
            """.formatted(Svg.FONTS);

    private HtmlReport() {
    }

    /** The page for {@code markdown}; {@code pictures} maps each linked file name to its SVG. */
    static String render(String title, String markdown, Map<String, String> pictures) {
        List<org.commonmark.Extension> extensions = List.of(TablesExtension.create());
        Node doc = Parser.builder().extensions(extensions).build().parse(markdown);
        String body = HtmlRenderer.builder().extensions(extensions).escapeHtml(true).sanitizeUrls(true)
                .nodeRendererFactory(ctx -> new InlineSvg(ctx, pictures)).build().render(doc);
        return "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + escape(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** An image whose target is one of the run's pictures becomes that SVG, inline; any other stays as it is. */
    private static final class InlineSvg implements NodeRenderer {
        private final HtmlNodeRendererContext ctx;
        private final Map<String, String> pictures;

        InlineSvg(HtmlNodeRendererContext ctx, Map<String, String> pictures) {
            this.ctx = ctx;
            this.pictures = pictures;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            Image image = (Image) node;
            String svg = pictures.get(image.getDestination());
            if (svg == null) {
                ctx.getWriter().text("[picture " + image.getDestination() + " is not in this report]");
                return;
            }
            ctx.getWriter().raw("<figure>" + svg.replaceFirst("^<\\?xml[^>]*\\?>", "") + "</figure>");
        }
    }
}
