package org.xcpbalancer.collector.rrd;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xcpbalancer.core.cli.ErrorText;

/**
 * Parses the XML of GET /rrd_updates as xcp-rrdd writes it (xapi-rrd's Rrd_updates.xml_of):
 * {@code <xport><meta><start/><step/><end/><rows/><columns/><legend><entry>AVERAGE:host:UUID:cpu0</entry>...
 * </legend></meta><data><row><t>EPOCH</t><v>0.0123</v>...</row>...</data></xport>}, compact or indented, values
 * as "%0.15g" numbers, "NaN", "nan", "-nan", "inf". Streaming (StAX), no DTDs or external entities.
 */
public final class RrdUpdatesParser {
    private static final XMLInputFactory FACTORY = newFactory();

    private RrdUpdatesParser() {
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    public static RrdUpdates parse(byte[] xml) throws RrdFormatException {
        long step = 0;
        long end = 0;
        List<RrdColumn> columns = new ArrayList<>();
        List<RrdUpdates.Row> rows = new ArrayList<>();
        boolean sawRoot = false;
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                while (reader.hasNext()) {
                    if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    switch (reader.getLocalName()) {
                        case "xport" -> sawRoot = true;
                        case "step" -> step = parseLong("step", reader.getElementText());
                        case "end" -> end = parseLong("end", reader.getElementText());
                        case "entry" -> columns.add(column(reader.getElementText()));
                        case "row" -> rows.add(row(reader, columns.size()));
                        default -> {
                            // meta/start, rows, columns, legend, data: structure only
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new RrdFormatException("not well-formed XML: " + ErrorText.firstLine(e.getMessage()), e);
        }
        if (!sawRoot) {
            throw new RrdFormatException("no <xport> element");
        }
        return new RrdUpdates(step, end, columns, rows);
    }

    private static RrdUpdates.Row row(XMLStreamReader reader, int columnCount) throws XMLStreamException, RrdFormatException {
        Long time = null;
        double[] values = new double[columnCount];
        int index = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("row")) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (reader.getLocalName().equals("t")) {
                time = parseLong("t", reader.getElementText());
            } else if (reader.getLocalName().equals("v")) {
                String text = reader.getElementText();
                if (index >= columnCount) {
                    throw new RrdFormatException("a row has more values than the legend's " + columnCount + " entries");
                }
                values[index++] = value(text);
            }
        }
        if (time == null) {
            throw new RrdFormatException("a row has no <t>");
        }
        if (index != columnCount) {
            throw new RrdFormatException("a row has " + index + " values for " + columnCount + " legend entries");
        }
        return new RrdUpdates.Row(time, values);
    }

    private static RrdColumn column(String entry) throws RrdFormatException {
        try {
            return RrdColumn.parse(entry.trim());
        } catch (IllegalArgumentException e) {
            throw new RrdFormatException(e.getMessage());
        }
    }

    /** A value as xcp-rrdd prints it; NaN and infinities mean "no value". */
    static double value(String text) throws RrdFormatException {
        String trimmed = text.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("nan") || lower.equals("-nan") || lower.contains("inf")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            throw new RrdFormatException("value \"" + trimmed + "\" is not a number");
        }
    }

    private static long parseLong(String element, String text) throws RrdFormatException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(text.trim());
            } catch (NumberFormatException second) {
                throw new RrdFormatException("<" + element + "> \"" + text.trim() + "\" is not a number");
            }
        }
    }

}
