package org.xcpbalancer.simulator.rrd;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A test-side parse of an rrd_updates XML document, with a standard XML parser (so it must be well-formed). */
record RrdXport(long start, long step, long end, int rows, int columns, List<String> legend, List<Long> times,
                List<List<String>> values) {

    static RrdXport parse(String xml) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element meta = (Element) doc.getDocumentElement().getElementsByTagName("meta").item(0);
        List<String> legend = new ArrayList<>();
        NodeList entries = meta.getElementsByTagName("entry");
        for (int i = 0; i < entries.getLength(); i++) {
            legend.add(entries.item(i).getTextContent());
        }
        List<Long> times = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        NodeList rows = doc.getElementsByTagName("row");
        for (int r = 0; r < rows.getLength(); r++) {
            Element row = (Element) rows.item(r);
            times.add(Long.parseLong(row.getElementsByTagName("t").item(0).getTextContent()));
            List<String> rowValues = new ArrayList<>();
            NodeList vs = row.getElementsByTagName("v");
            for (int i = 0; i < vs.getLength(); i++) {
                rowValues.add(vs.item(i).getTextContent());
            }
            values.add(rowValues);
        }
        return new RrdXport(number(meta, "start"), number(meta, "step"), number(meta, "end"),
                (int) number(meta, "rows"), (int) number(meta, "columns"), legend, times, values);
    }

    private static long number(Element meta, String tag) {
        return Long.parseLong(meta.getElementsByTagName(tag).item(0).getTextContent());
    }

    /** The value in a row for the legend entry ending with ":" + uuid + ":" + ds. */
    double value(int row, String uuid, String ds) {
        int column = legend.indexOf("AVERAGE:" + (legend.stream().anyMatch(l -> l.equals("AVERAGE:host:" + uuid + ":" + ds))
                ? "host:" : "vm:") + uuid + ":" + ds);
        if (column < 0) {
            throw new AssertionError("no column for " + uuid + ":" + ds + " in " + legend);
        }
        return Double.parseDouble(values.get(row).get(column));
    }
}
