package dev.revive.systemtest.stack;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a {@link Stack} parameter. One stack serves every test class of the run (starting it takes the
 * better part of a minute); JUnit closes it when the run ends, passed or failed. A class annotated
 * {@link FullJit} gets a stack whose services run with the full JIT (the benchmark); the other one is closed first.
 * Each test leaves the stack as it found it: every service running, the demo target UP with no open incident.
 */
public final class StackExtension implements ParameterResolver {

    /** The services run with the full JIT (C2), as in production, instead of C1 only. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface FullJit {
    }

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(StackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        boolean fullJit = c.getRequiredTestClass().isAnnotationPresent(FullJit.class);
        ExtensionContext.Store store = c.getRoot().getStore(NS);
        synchronized (StackExtension.class) {
            Held held = store.get(Held.class, Held.class);
            if (held != null && held.fullJit != fullJit) {
                store.remove(Held.class);
                held.close();
                held = null;
            }
            RuntimeException failed = store.get(RuntimeException.class, RuntimeException.class);
            if (failed != null) {
                // A stack that could not start once will not start for the next test either: fail it at once.
                throw new IllegalStateException("the stack did not start earlier in this run", failed);
            }
            if (held == null) {
                try {
                    held = new Held(Stack.start(DemoTarget.drill(), fullJit), fullJit);
                } catch (RuntimeException e) {
                    store.put(RuntimeException.class, e);
                    throw e;
                }
                store.put(Held.class, held);
            }
            return held.stack;
        }
    }

    private record Held(Stack stack, boolean fullJit) implements AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }
}
