package dev.carecall.backend.demo;

import dev.carecall.backend.auth.Passwords;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoSeederTest {
    @Test
    void thePrecomputedHashIsTheDemoPassword() {
        assertTrue(Passwords.matches(DemoSeeder.PASSWORD, DemoSeeder.PASSWORD_HASH));
        assertFalse(Passwords.matches("demo-password ", DemoSeeder.PASSWORD_HASH));
    }
}
