package io.rasfleet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/** The installation's id on a real database (H2, as the demo runs it). */
class InstallationsTest {

    private static String idOf(TestDatabase database) {
        EntityManager em = database.factory().createEntityManager();
        try {
            em.getTransaction().begin();
            String id = Installations.idIn(em);
            em.getTransaction().commit();
            return id;
        } finally {
            em.close();
        }
    }

    @Test
    void theFirstStartMakesTheIdAndEveryLaterOneReadsIt() {
        try (TestDatabase database = TestDatabase.h2(); TestDatabase other = TestDatabase.h2()) {
            String made = idOf(database);
            assertTrue(made.matches("[0-9a-z]{8}"), made);
            assertEquals(made, idOf(database), "a restart, or a peer server on the same database, reads the same id");
            assertNotEquals(made, idOf(other), "another installation (its own database) makes its own");
        }
    }
}
