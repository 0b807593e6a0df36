package io.rasfleet.schedule;

import static io.rasfleet.log.RasfleetLogger.LOG;

import java.lang.management.ManagementFactory;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * WildFly's batch thread pool, through the server's management MBeans. A partitioned step needs a
 * thread per running plan plus two per run (the job's and the step's own), so the pool is grown to
 * the configured slots and the runs going on; without that, plans would wait for threads while
 * slots stand idle (five runs at once on 64 slots left 8 slots idle).
 */
public final class BatchThreadPool {

    /** Threads a run takes besides its plans: the job's and the partitioned step's own. */
    public static final int OVERHEAD = 2;
    private static final String NAME = "jboss.as:subsystem=batch-jberet,thread-pool=batch";

    private BatchThreadPool() {
    }

    /** The pool's maximum size, or the configured default when the management MBean cannot be read. */
    public static int size() {
        try {
            Object value = server().getAttribute(new ObjectName(NAME), "maxThreads");
            return value instanceof Number n ? n.intValue() : io.rasfleet.config.ServerConfig.batchThreads();
        } catch (JMException | RuntimeException e) {
            return io.rasfleet.config.ServerConfig.batchThreads();
        }
    }

    /** Grows the pool so that {@code slots} plans can run at once; never shrinks it. */
    public static void fit(int slots) {
        fit(slots, 1);
    }

    /** Grows the pool so that {@code slots} plans of {@code runs} runs can run at once; never shrinks it. */
    public static void fit(int slots, int runs) {
        int wanted = slots + OVERHEAD * Math.max(1, runs);
        int current = size();
        if (current >= wanted) {
            return;
        }
        try {
            server().setAttribute(new ObjectName(NAME), new Attribute("maxThreads", wanted));
            LOG.batchPoolGrown(current, wanted, slots);
        } catch (JMException | RuntimeException e) {
            LOG.batchPoolTooSmall(current, slots, wanted, e);
        }
    }

    private static MBeanServer server() {
        return ManagementFactory.getPlatformMBeanServer();
    }
}
