package io.wirespeed.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.testkit.Host;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** Debian's headless Chromium for the report tests: started with no network and a fresh profile. */
final class Chromium {
    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final Pattern SVG = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL);

    private Chromium() {}

    /** A missing Chromium fails the test (CI installs it): a report nobody checked in a browser is not checked. */
    static void assertInstalled() {
        assertThat(Files.isExecutable(EXECUTABLE))
                .as("%s is missing: these tests need Chromium (apt-get install -y chromium; .ci/run installs it)", EXECUTABLE)
                .isTrue();
    }

    static Host.Result run(Path profile, String... arguments) {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        return Host.runAllowingFailure(command, 120);
    }

    /** Every {@code <svg>} element of a rendered DOM, parsed. */
    static List<Element> svgs(String dom) throws Exception {
        List<Element> out = new ArrayList<>();
        Matcher m = SVG.matcher(dom);
        while (m.find()) {
            out.add(parseSvg(m.group()));
        }
        return out;
    }

    static Element parseSvg(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg))).getDocumentElement();
    }
}
