package io.wirespeed.ethdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PortInfoTest {
    @Test
    void sizeTheUserGaveWinsOverTheDriversPreference() {
        PortInfo info = new PortInfo("d", 1, 1, 64, 16384, 1500, 2048);
        assertEquals(512, info.descriptors(512, 1024));
    }

    @Test
    void driversPreferenceFillsAnOpenChoice() {
        PortInfo info = new PortInfo("d", 1, 1, 64, 16384, 1500, 2048);
        assertEquals(2048, info.descriptors(0, 1024));
    }

    @Test
    void fallbackWhenNeitherChooses() {
        PortInfo info = new PortInfo("d", 1, 1, 1, 1 << 16, 1500);
        assertEquals(1024, info.descriptors(0, 1024));
    }

    @Test
    void preferenceAboveTheMaximumIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PortInfo("d", 1, 1, 64, 1024, 1500, 2048));
    }
}
