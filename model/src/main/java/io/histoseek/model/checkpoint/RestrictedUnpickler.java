package io.histoseek.model.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the pickle of a {@code torch.save(state_dict)} without executing anything: it knows only
 * the opcodes such a pickle uses and only the globals a state_dict needs (OrderedDict, the two
 * torch tensor rebuild functions, the float storage types), each implemented here in Java.
 * Any other global (os.system, builtins.eval, ...) is refused the moment it is named.
 */
final class RestrictedUnpickler {
    /** A storage named by a persistent id: element type, key of its zip entry, element count. */
    record StorageRef(DType dtype, String key, long numel) {}

    /** A tensor view onto a storage, as {@code torch._utils._rebuild_tensor_v2} describes it. */
    record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {}

    private record Global(String module, String name) {
        String qualified() {
            return module + "." + name;
        }
    }

    private static final Object MARK = new Object();
    private static final Map<String, DType> STORAGE_TYPES = Map.of(
            "torch.FloatStorage", DType.F32,
            "torch.HalfStorage", DType.F16,
            "torch.BFloat16Storage", DType.BF16);
    private static final List<String> CALLABLES = List.of(
            "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter");

    private final ByteBuffer in;
    private final List<Object> stack = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private RestrictedUnpickler(ByteBuffer pickle) {
        this.in = pickle.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The unpickled root object: maps, lists (tuples too), strings, numbers, tensor refs. */
    static Object load(ByteBuffer pickle) throws FormatProblem {
        try {
            return new RestrictedUnpickler(pickle).run();
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new FormatProblem("truncated or damaged pickle (data.pkl)");
        } catch (ClassCastException | ArithmeticException e) {
            throw new FormatProblem("damaged pickle (data.pkl): unexpected value types");
        }
    }

    private Object run() throws FormatProblem {
        while (true) {
            int opcode = in.get() & 0xFF;
            switch (opcode) {
                case 0x80 -> in.get(); // PROTO
                case 0x95 -> in.getLong(); // FRAME
                case '.' -> { // STOP
                    return pop();
                }
                case '(' -> stack.add(MARK);
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case 'N' -> stack.add(null);
                case 0x88 -> stack.add(Boolean.TRUE);
                case 0x89 -> stack.add(Boolean.FALSE);
                case 'J' -> stack.add((long) in.getInt());
                case 'K' -> stack.add((long) (in.get() & 0xFF));
                case 'M' -> stack.add((long) (in.getShort() & 0xFFFF));
                case 0x8a -> stack.add(long1(in.get() & 0xFF));
                case 'G' -> stack.add(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // BINFLOAT, big-endian
                case 'X' -> stack.add(text(in.getInt())); // BINUNICODE
                case 0x8c -> stack.add(text(in.get() & 0xFF)); // SHORT_BINUNICODE
                case 0x8d -> stack.add(text(Math.toIntExact(in.getLong()))); // BINUNICODE8
                case 'T' -> stack.add(text(in.getInt())); // BINSTRING
                case 'U' -> stack.add(text(in.get() & 0xFF)); // SHORT_BINSTRING
                case ')' -> stack.add(List.of());
                case 't' -> stack.add(tuple(popMark()));
                case 0x85 -> stack.add(tuple(Collections.singletonList(pop())));
                case 0x86 -> {
                    Object second = pop();
                    stack.add(tuple(Arrays.asList(pop(), second)));
                }
                case 0x87 -> {
                    Object third = pop();
                    Object second = pop();
                    stack.add(tuple(Arrays.asList(pop(), second, third)));
                }
                case ']' -> stack.add(new ArrayList<>());
                case 'a' -> {
                    Object item = pop();
                    list(peek()).add(item);
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                }
                case '}' -> stack.add(new LinkedHashMap<>());
                case 's' -> {
                    Object value = pop();
                    Object key = pop();
                    map(peek()).put(key, value);
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    Map<Object, Object> target = map(peek());
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        target.put(items.get(i), items.get(i + 1));
                    }
                }
                case 'q' -> memo.put((long) (in.get() & 0xFF), peek()); // BINPUT
                case 'r' -> memo.put(Integer.toUnsignedLong(in.getInt()), peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'h' -> stack.add(memoGet(in.get() & 0xFF));
                case 'j' -> stack.add(memoGet(Integer.toUnsignedLong(in.getInt())));
                case 'c' -> stack.add(global(line(), line()));
                case 0x93 -> { // STACK_GLOBAL
                    String name = (String) pop();
                    stack.add(global((String) pop(), name));
                }
                case 'Q' -> stack.add(persistentLoad(pop()));
                case 'R' -> {
                    Object args = pop();
                    stack.add(call(pop(), args));
                }
                case 'b' -> build(pop(), peek());
                default -> throw new FormatProblem(String.format(
                        "refused pickle opcode 0x%02x at byte %d: a state_dict pickle never needs it",
                        opcode, in.position() - 1));
            }
        }
    }

    private static Global global(String module, String name) throws FormatProblem {
        String qualified = module + "." + name;
        if (!STORAGE_TYPES.containsKey(qualified) && !CALLABLES.contains(qualified)) {
            throw new FormatProblem("refused pickle global '" + qualified
                    + "': only a plain state_dict of float tensors is accepted (the file may be malicious)");
        }
        return new Global(module, name);
    }

    private static Object persistentLoad(Object pid) throws FormatProblem {
        if (pid instanceof List<?> fields && fields.size() == 5 && "storage".equals(fields.get(0))
                && fields.get(1) instanceof Global type && fields.get(2) instanceof String key
                && fields.get(4) instanceof Long numel) {
            DType dtype = STORAGE_TYPES.get(type.qualified());
            if (dtype == null) {
                throw new FormatProblem("storage of type " + type.qualified() + " is not a float storage");
            }
            return new StorageRef(dtype, key, numel);
        }
        throw new FormatProblem("unsupported persistent id in pickle: " + describe(pid));
    }

    private static Object call(Object callable, Object args) throws FormatProblem {
        if (!(callable instanceof Global function) || !(args instanceof List<?> arguments)) {
            throw new FormatProblem("refused pickle call of " + describe(callable));
        }
        switch (function.qualified()) {
            case "collections.OrderedDict" -> {
                if (!arguments.isEmpty()) {
                    throw new FormatProblem("OrderedDict built from arguments is not supported");
                }
                return new LinkedHashMap<>();
            }
            case "torch._utils._rebuild_tensor_v2" -> {
                if (arguments.size() < 4 || !(arguments.get(0) instanceof StorageRef storage)) {
                    throw new FormatProblem("_rebuild_tensor_v2 without a storage");
                }
                return new TensorRef(storage, (Long) arguments.get(1), longs(arguments.get(2)), longs(arguments.get(3)));
            }
            case "torch._utils._rebuild_parameter" -> {
                if (arguments.isEmpty() || !(arguments.get(0) instanceof TensorRef tensor)) {
                    throw new FormatProblem("_rebuild_parameter without a tensor");
                }
                return tensor;
            }
            default -> throw new FormatProblem("refused pickle call of " + function.qualified());
        }
    }

    /** BUILD sets object state; torch only uses it for the state_dict's {@code _metadata}: ignore that. */
    private static void build(Object state, Object target) throws FormatProblem {
        if (!(target instanceof Map<?, ?>) && !(target instanceof TensorRef)) {
            throw new FormatProblem("refused pickle BUILD on " + describe(target));
        }
    }

    private static long[] longs(Object tuple) {
        List<?> values = (List<?>) tuple;
        long[] result = new long[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = (Long) values.get(i);
        }
        return result;
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) throws FormatProblem {
        if (value instanceof ArrayList<?> list) {
            return (List<Object>) list;
        }
        throw new FormatProblem("damaged pickle: append to " + describe(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> map(Object value) throws FormatProblem {
        if (value instanceof LinkedHashMap<?, ?> map) {
            return (Map<Object, Object>) map;
        }
        throw new FormatProblem("damaged pickle: setitem on " + describe(value));
    }

    private static String describe(Object value) {
        return value == null ? "None" : value.getClass().getSimpleName();
    }

    private long long1(int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        if (length > 0 && length < 8 && bytes[length - 1] < 0) {
            value -= 1L << (8 * length);
        }
        if (length > 8) {
            throw new ArithmeticException("integer wider than 64 bits");
        }
        return value;
    }

    private String text(int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IndexOutOfBoundsException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private String line() {
        StringBuilder text = new StringBuilder();
        for (byte b = in.get(); b != '\n'; b = in.get()) {
            text.append((char) (b & 0xFF));
        }
        return text.toString();
    }

    private Object memoGet(long index) throws FormatProblem {
        if (!memo.containsKey(index)) {
            throw new FormatProblem("damaged pickle: memo entry " + index + " is missing");
        }
        return memo.get(index);
    }

    private Object pop() throws FormatProblem {
        Object value = peek();
        stack.removeLast();
        return value;
    }

    private Object peek() throws FormatProblem {
        if (stack.isEmpty() || stack.getLast() == MARK) {
            throw new FormatProblem("damaged pickle: stack underflow");
        }
        return stack.getLast();
    }

    private List<Object> popMark() throws FormatProblem {
        int mark = stack.lastIndexOf(MARK);
        if (mark < 0) {
            throw new FormatProblem("damaged pickle: no mark");
        }
        List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return items;
    }
}
