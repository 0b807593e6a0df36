package io.rasfleet.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The layers of a {@code .rasmap} that geometry preprocessing reads: terrain, land cover and the
 * other spatial inputs, plus the projection. Results and geometry layers are not inputs here.
 */
final class RasMapFile {

    private static final List<String> INPUT_KINDS =
            List.of("terrain", "landcover", "land cover", "infiltration", "soil", "impervious", "projection");

    private RasMapFile() {
    }

    /** The {@code Filename} values of the input layers, as written (often {@code .\Terrain\x.hdf}). */
    static List<String> inputFilenames(Path rasmap) {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(rasmap)) {
            NodeList all = parser().parse(in).getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element element = (Element) all.item(i);
                String filename = element.getAttribute("Filename");
                if (!filename.isBlank() && isInput(element)) {
                    names.add(filename.strip());
                }
            }
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new ProjectException(rasmap.getFileName() + " is not a readable RAS Mapper file: " + e.getMessage(), e);
        }
        return names;
    }

    private static boolean isInput(Element element) {
        String kind = (element.getTagName() + " " + element.getAttribute("Type")).toLowerCase(Locale.ROOT);
        if (kind.contains("result") || kind.contains("geometry")) {
            return false;
        }
        return INPUT_KINDS.stream().anyMatch(kind::contains);
    }

    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }
}
