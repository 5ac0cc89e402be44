package io.github.softmaxlab.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuickModeTest {

    @Test
    void parsesOneTrueAndYesAsOn() {
        assertTrue(QuickMode.parse("1") && QuickMode.parse(" true ") && QuickMode.parse("YES"));
        assertFalse(QuickMode.parse(null) || QuickMode.parse("0") || QuickMode.parse("") || QuickMode.parse("no"));
    }

    @Test
    void pickFollowsTheEnvironment() {
        boolean on = QuickMode.parse(System.getenv(QuickMode.VARIABLE));
        assertEquals(on, QuickMode.on());
        assertEquals(on ? 5 : 50, QuickMode.pick(50, 5));
        assertEquals(on ? 5L : 50L, QuickMode.pick(50L, 5L));
        assertEquals(on ? 0.5 : 1.5, QuickMode.pick(1.5, 0.5));
        assertArrayEquals(on ? new int[] {1} : new int[] {1, 2}, QuickMode.pick(new int[] {1, 2}, new int[] {1}));
        assertTrue(QuickMode.describe().contains(QuickMode.VARIABLE));
    }
}
