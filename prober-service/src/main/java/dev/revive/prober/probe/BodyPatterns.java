package dev.revive.prober.probe;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The {@code bodyRegex} patterns. They come from users, so they go through RE2/J, whose matching time is linear in the
 * body whatever the pattern: {@code ^(a+)+$} against a long {@code aaaa…!} costs what any other pattern costs, where
 * {@code java.util.regex} backtracks for minutes and blocked every probe of its event loop. (HttpProber also runs the
 * match on a worker thread: linear still means a while for a megabyte.)
 *
 * <p>Linear in the body, but also proportional to the compiled program, and counted repetitions multiply:
 * {@code ((a{1000}){1000}){1000}} compiles to a billion instructions (out of memory). So a pattern whose program
 * would exceed {@link #MAX_PROGRAM} instructions is refused before it is compiled, and a match that runs past its
 * time budget is stopped (checked every few thousand characters read). RE2's syntax has no backreferences and no
 * look-around: such a pattern is refused, not run.
 */
final class BodyPatterns {

    /** Largest program (RE2 instructions, estimated before and counted after compiling) a pattern may have. */
    static final int MAX_PROGRAM = 10_000;

    /** A pattern that is refused, or a match that was stopped, with why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, Object> compiled = new ConcurrentHashMap<>();
    private final long budgetNanos;

    BodyPatterns(long budgetMs) {
        this.budgetNanos = budgetMs * 1_000_000L;
    }

    /** Whether the pattern is found in the text, within the time budget. */
    boolean find(String regex, String text) throws Refused {
        Pattern p = get(regex);
        Budgeted in = new Budgeted(text, System.nanoTime() + budgetNanos);
        try {
            return p.matcher(in).find();
        } catch (OverBudget e) {
            throw new Refused("bodyRegex did not finish within " + budgetNanos / 1_000_000 + " ms on a body of "
                    + text.length() + " characters");
        }
    }

    /** The compiled pattern, or {@link Refused} (remembered too, so a bad pattern is not parsed again each probe). */
    Pattern get(String regex) throws Refused {
        Object p = compiled.get(regex);
        if (p == null) {
            if (compiled.size() > 10_000) {
                compiled.clear(); // patterns of deleted or edited targets: start again rather than grow forever
            }
            p = compile(regex);
            compiled.put(regex, p);
        }
        if (p instanceof Refused r) {
            throw r;
        }
        return (Pattern) p;
    }

    private static Object compile(String regex) {
        if (estimatedProgram(regex) > MAX_PROGRAM) {
            return new Refused("bodyRegex is too large once its counted repetitions are expanded (more than "
                    + MAX_PROGRAM + " instructions)");
        }
        try {
            Pattern p = Pattern.compile(regex);
            if (p.matcher("").programSize() > MAX_PROGRAM) {
                return new Refused("bodyRegex compiles to more than " + MAX_PROGRAM + " instructions");
            }
            return p;
        } catch (PatternSyntaxException e) {
            return new Refused("bodyRegex is not an RE2 pattern (no backreferences or look-around): " + e.getDescription());
        } catch (RuntimeException e) {
            return new Refused("bodyRegex cannot be compiled: " + e.getMessage());
        }
    }

    /**
     * An upper estimate of the compiled size: every atom counts 1, a group counts its content, {@code {n,m}} multiplies
     * the atom before it by its bound (so nested repetitions multiply). Good enough to refuse a blow-up before the
     * compiler allocates it; the exact size is checked after compiling.
     */
    static long estimatedProgram(String re) {
        Deque<long[]> groups = new ArrayDeque<>(); // per open group: {size so far}
        long size = 0;
        long last = 0; // size of the atom a quantifier applies to
        int i = 0;
        int n = re.length();
        while (i < n) {
            char c = re.charAt(i);
            switch (c) {
                case '\\' -> {
                    i += 2;
                    last = 1;
                    size += 1;
                    continue;
                }
                case '[' -> {
                    int j = i + 1;
                    if (j < n && re.charAt(j) == '^') {
                        j++;
                    }
                    if (j < n && re.charAt(j) == ']') {
                        j++;
                    }
                    while (j < n && re.charAt(j) != ']') {
                        j += re.charAt(j) == '\\' ? 2 : 1;
                    }
                    i = j + 1;
                    last = 1;
                    size += 1;
                    continue;
                }
                case '(' -> {
                    groups.push(new long[] {size});
                    size = 0;
                    last = 0;
                }
                case ')' -> {
                    long inner = size;
                    size = groups.isEmpty() ? inner : groups.pop()[0] + inner + 1;
                    last = inner + 1;
                }
                case '{' -> {
                    int close = re.indexOf('}', i);
                    long bound = close < 0 ? -1 : bound(re.substring(i + 1, close));
                    if (bound >= 0) {
                        size += last * Math.max(0, bound - 1) + 1;
                        last = last * Math.max(1, bound);
                        i = close + 1;
                        if (size > MAX_PROGRAM * 100L) {
                            return size;
                        }
                        continue;
                    }
                    last = 1;
                    size += 1;
                }
                default -> {
                    last = 1;
                    size += 1;
                }
            }
            i++;
        }
        while (!groups.isEmpty()) {
            size += groups.pop()[0];
        }
        return size;
    }

    /** The larger bound of {@code n}, {@code n,} or {@code n,m}; -1 when it is not a repetition (a literal brace). */
    private static long bound(String s) {
        int comma = s.indexOf(',');
        String lo = comma < 0 ? s : s.substring(0, comma);
        String hi = comma < 0 ? "" : s.substring(comma + 1);
        if (lo.isEmpty() || !lo.chars().allMatch(Character::isDigit) || !hi.chars().allMatch(Character::isDigit)
                || lo.length() > 6 || hi.length() > 6) {
            return -1;
        }
        return Math.max(Long.parseLong(lo), hi.isEmpty() ? 0 : Long.parseLong(hi));
    }

    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    /** The body as RE2/J reads it, checking the clock every 4096 characters read. */
    private static final class Budgeted implements CharSequence {
        private final String s;
        private final long deadline;
        private int reads;

        Budgeted(String s, long deadline) {
            this.s = s;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 4095) == 0 && System.nanoTime() > deadline) {
                throw new OverBudget();
            }
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
