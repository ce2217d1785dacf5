/** The demo's doctors, patients and appointments, created by {@code --demo} and by the test server. */
package dev.carecall.backend.demo;
