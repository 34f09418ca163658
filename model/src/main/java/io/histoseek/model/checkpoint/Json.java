package io.histoseek.model.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough JSON for a safetensors header: objects, arrays, strings, integers, literals. */
final class Json {
    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) throws FormatProblem {
        Json json = new Json(text);
        Object value = json.value();
        json.skipSpace();
        if (json.position != text.length()) {
            throw json.problem("trailing characters");
        }
        return value;
    }

    private Object value() throws FormatProblem {
        skipSpace();
        if (position >= text.length()) {
            throw problem("unexpected end");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() throws FormatProblem {
        Map<String, Object> result = new LinkedHashMap<>();
        position++;
        skipSpace();
        if (peek() == '}') {
            position++;
            return result;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw problem("expected a key");
            }
            String key = string();
            skipSpace();
            expect(':');
            result.put(key, value());
            skipSpace();
            if (peek() == ',') {
                position++;
            } else {
                expect('}');
                return result;
            }
        }
    }

    private List<Object> array() throws FormatProblem {
        List<Object> result = new ArrayList<>();
        position++;
        skipSpace();
        if (peek() == ']') {
            position++;
            return result;
        }
        while (true) {
            result.add(value());
            skipSpace();
            if (peek() == ',') {
                position++;
            } else {
                expect(']');
                return result;
            }
        }
    }

    private String string() throws FormatProblem {
        StringBuilder out = new StringBuilder();
        position++;
        while (true) {
            char c = peek();
            position++;
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = peek();
            position++;
            switch (escape) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (position + 4 > text.length()) {
                        throw problem("bad \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                    } catch (NumberFormatException e) {
                        throw problem("bad \\u escape");
                    }
                    position += 4;
                }
                default -> out.append(escape);
            }
        }
    }

    private Object number() throws FormatProblem {
        int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String digits = text.substring(start, position);
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(digits);
            } catch (NumberFormatException notANumber) {
                throw problem("unexpected character");
            }
        }
    }

    private Object literal(String word, Object value) throws FormatProblem {
        if (!text.startsWith(word, position)) {
            throw problem("unexpected character");
        }
        position += word.length();
        return value;
    }

    private void expect(char c) throws FormatProblem {
        if (peek() != c) {
            throw problem("expected '" + c + "'");
        }
        position++;
    }

    private char peek() throws FormatProblem {
        if (position >= text.length()) {
            throw problem("unexpected end");
        }
        return text.charAt(position);
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private FormatProblem problem(String what) {
        return new FormatProblem("damaged safetensors header: " + what + " at character " + position);
    }
}
