package org.xcpbalancer.simulator.xapi.wire;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML-RPC as XAPI speaks it (ocaml-rpc's xmlrpc.ml): strings and int64s as untyped {@code <value>text</value>},
 * {@code <boolean>1</boolean>}, {@code <double>} in %.16g, {@code <dateTime.iso8601>}, Int32 as {@code <i4>},
 * arrays, structs; every response wrapped in {Status, Value} or {Status, ErrorDescription}.
 */
public final class XmlRpcCodec {

    private static final String RESPONSE_START = "<?xml version=\"1.0\"?><methodResponse><params><param>";
    private static final String RESPONSE_END = "</param></params></methodResponse>";
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss");
    private static final XMLInputFactory XML_INPUT = newSafeFactory();

    private XmlRpcCodec() {
    }

    private static XMLInputFactory newSafeFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    // ---------------------------------------------------------------- requests

    public static RpcCall parseCall(byte[] body) throws MalformedCallException {
        try {
            XMLStreamReader reader = XML_INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                expectStart(reader, "methodCall");
                expectStart(reader, "methodName");
                String method = reader.getElementText().trim();
                List<Object> params = new ArrayList<>();
                int event = nextTag(reader);
                if (event == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("params")) {
                    while (nextTag(reader) == XMLStreamConstants.START_ELEMENT) {
                        requireName(reader, "param");
                        expectStart(reader, "value");
                        params.add(readValueBody(reader));
                        expectEnd(reader, "param");
                    }
                }
                return new RpcCall(method, params);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedCallException("Xmlrpc.Parse_error: " + e.getMessage(), e);
        }
    }

    /** Reads what follows an opened {@code <value>} up to and including its {@code </value>}. */
    private static Object readValueBody(XMLStreamReader reader) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return text.toString(); // untyped value: a string
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                Object value = readTyped(reader);
                expectEnd(reader, "value");
                return value;
            }
        }
    }

    private static Object readTyped(XMLStreamReader reader) throws XMLStreamException {
        String type = reader.getLocalName();
        switch (type) {
            case "string":
                return reader.getElementText();
            case "i4":
            case "int":
            case "i8":
                return Long.parseLong(reader.getElementText().trim());
            case "boolean":
                return reader.getElementText().trim().equals("1");
            case "double":
                return Double.parseDouble(reader.getElementText().trim());
            case "dateTime.iso8601":
                return parseDate(reader.getElementText().trim());
            case "base64":
                return new String(Base64.getMimeDecoder().decode(reader.getElementText().trim()),
                        StandardCharsets.UTF_8);
            case "nil":
                reader.getElementText();
                return null;
            case "array":
                return readArray(reader);
            case "struct":
                return readStruct(reader);
            default:
                throw new XMLStreamException("unknown XML-RPC type <" + type + ">");
        }
    }

    private static List<Object> readArray(XMLStreamReader reader) throws XMLStreamException {
        List<Object> items = new ArrayList<>();
        if (nextTag(reader) == XMLStreamConstants.END_ELEMENT) {
            return items; // <array/>
        }
        requireName(reader, "data");
        while (nextTag(reader) == XMLStreamConstants.START_ELEMENT) {
            requireName(reader, "value");
            items.add(readValueBody(reader));
        }
        expectEnd(reader, "array");
        return items;
    }

    private static Map<String, Object> readStruct(XMLStreamReader reader) throws XMLStreamException {
        Map<String, Object> members = new LinkedHashMap<>();
        while (nextTag(reader) == XMLStreamConstants.START_ELEMENT) {
            requireName(reader, "member");
            expectStart(reader, "name");
            String name = reader.getElementText();
            expectStart(reader, "value");
            members.put(name, readValueBody(reader));
            expectEnd(reader, "member");
        }
        return members;
    }

    private static XapiDateTime parseDate(String text) throws XMLStreamException {
        String local = text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
        try {
            return XapiDateTime.of(LocalDateTime.parse(local.replace("-", ""), BASIC_DATE).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new XMLStreamException("bad dateTime.iso8601 " + text);
        }
    }

    private static int nextTag(XMLStreamReader reader) throws XMLStreamException {
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT
                    || event == XMLStreamConstants.END_DOCUMENT) {
                return event;
            }
            if ((event == XMLStreamConstants.CHARACTERS) && !reader.isWhiteSpace()) {
                throw new XMLStreamException("unexpected text '" + reader.getText().trim() + "'");
            }
        }
    }

    private static void expectStart(XMLStreamReader reader, String name) throws XMLStreamException {
        if (nextTag(reader) != XMLStreamConstants.START_ELEMENT) {
            throw new XMLStreamException("expected <" + name + ">");
        }
        requireName(reader, name);
    }

    private static void expectEnd(XMLStreamReader reader, String name) throws XMLStreamException {
        if (nextTag(reader) != XMLStreamConstants.END_ELEMENT || !reader.getLocalName().equals(name)) {
            throw new XMLStreamException("expected </" + name + ">");
        }
    }

    private static void requireName(XMLStreamReader reader, String name) throws XMLStreamException {
        if (!reader.getLocalName().equals(name)) {
            throw new XMLStreamException("expected <" + name + "> but got <" + reader.getLocalName() + ">");
        }
    }

    // ---------------------------------------------------------------- responses

    /** A full methodResponse with XAPI's Status wrapper. */
    public static String response(RpcResult result) {
        StringBuilder out = new StringBuilder(256);
        out.append(RESPONSE_START);
        out.append("<value><struct><member><name>Status</name>");
        if (result instanceof RpcResult.Success success) {
            out.append("<value>Success</value></member><member><name>Value</name>");
            writeValue(out, success.value());
        } else {
            RpcResult.Failure failure = (RpcResult.Failure) result;
            out.append("<value>Failure</value></member><member><name>ErrorDescription</name>");
            writeValue(out, failure.errorDescription());
        }
        out.append("</member></struct></value>");
        out.append(RESPONSE_END);
        return out.toString();
    }

    /** A methodResponse whose param is the bare value: XAPI answers system.listMethods this way. */
    public static String bareResponse(Object value) {
        StringBuilder out = new StringBuilder(256);
        out.append(RESPONSE_START);
        writeValue(out, value);
        out.append(RESPONSE_END);
        return out.toString();
    }

    public static String value(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(out, value);
        return out.toString();
    }

    public static void writeValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("<value><nil/></value>");
        } else if (value instanceof String s) {
            out.append("<value>");
            escape(out, s);
            out.append("</value>");
        } else if (value instanceof Long || value instanceof Integer) {
            out.append("<value>").append(value).append("</value>");
        } else if (value instanceof XapiInt32 i) {
            out.append("<value><i4>").append(i.value()).append("</i4></value>");
        } else if (value instanceof Boolean b) {
            out.append("<value><boolean>").append(b ? '1' : '0').append("</boolean></value>");
        } else if (value instanceof Double d) {
            out.append("<value><double>").append(XapiFloats.xmlRpc(d)).append("</double></value>");
        } else if (value instanceof XapiDateTime date) {
            out.append("<value><dateTime.iso8601>").append(date.wireText()).append("</dateTime.iso8601></value>");
        } else if (value instanceof List<?> list) {
            out.append("<value><array><data>");
            for (Object item : list) {
                writeValue(out, item);
            }
            out.append("</data></array></value>");
        } else if (value instanceof Map<?, ?> map) {
            out.append("<value><struct>");
            for (Map.Entry<?, ?> member : map.entrySet()) {
                out.append("<member><name>");
                escape(out, String.valueOf(member.getKey()));
                out.append("</name>");
                writeValue(out, member.getValue());
                out.append("</member>");
            }
            out.append("</struct></value>");
        } else {
            throw new IllegalArgumentException("no XML-RPC encoding for " + value.getClass().getName());
        }
    }

    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '"') {
                return false;
            }
        }
        return true;
    }

    /** ocaml-rpc's escaping: the four markup characters, and control characters other than tab/LF/CR dropped. */
    static void escape(StringBuilder out, String text) {
        if (isPlain(text)) {
            out.append(text); // the common case: nothing to escape, copy at once
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '>' -> out.append("&gt;");
                case '<' -> out.append("&lt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
    }
}
