package io.wirespeed.virt.report;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** Reads a rendered page back: its SVGs as XML documents, the way a test can check what is drawn. */
final class Page {
    private static final Pattern SVG = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL);

    private Page() {
    }

    static List<String> svgTexts(String html) {
        List<String> svgs = new ArrayList<>();
        Matcher m = SVG.matcher(html);
        while (m.find()) {
            svgs.add(m.group());
        }
        return svgs;
    }

    /** Parses one SVG with the JDK's namespace-aware DOM parser; throws if it is not well-formed XML. */
    static Element parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
            return d.getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML (" + e.getMessage() + "):\n" + svg, e);
        }
    }

    static List<Element> svgs(String html) {
        return svgTexts(html).stream().map(Page::parse).toList();
    }

    /** The SVG of the figure with {@code id}, e.g. flow-normal. */
    static Element figure(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        if (at < 0) {
            throw new AssertionError("no figure " + id);
        }
        Matcher m = SVG.matcher(html);
        if (!m.find(at)) {
            throw new AssertionError("no svg after " + id);
        }
        return parse(m.group());
    }

    /** The text of every element named {@code name} in {@code root}. */
    static List<String> texts(Element root, String name) {
        List<String> texts = new ArrayList<>();
        var nodes = root.getElementsByTagNameNS("*", name);
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
