package io.rasfleet.worker.docker;

import static io.rasfleet.log.RasfleetLogger.LOG;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import io.rasfleet.transfer.Causes;
import io.rasfleet.worker.linux.EngineCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * A program started in a plan's container through the exec API. Its end is read from the exec,
 * and a container that stopped or vanished under it (killed from outside, out of memory) is a
 * lost machine, said with the container's own exit code and state.
 */
final class DockerEngineCommand implements EngineCommand {

    private static final int OUTPUT_LIMIT = 64 * 1024;
    private static final Duration POLL = Duration.ofMillis(250);

    private final DockerEngine engine;
    private final String container;
    private final String exec;
    private final StringBuilder output = new StringBuilder();

    private DockerEngineCommand(DockerEngine engine, String container, String exec) {
        this.engine = engine;
        this.container = container;
        this.exec = exec;
    }

    static DockerEngineCommand start(DockerEngine engine, String container, String exec) {
        DockerEngineCommand command = new DockerEngineCommand(engine, container, exec);
        engine.client().execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                command.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        });
        return command;
    }

    private synchronized void append(String text) {
        int room = OUTPUT_LIMIT - output.length();
        if (room > 0) {
            output.append(text, 0, Math.min(room, text.length()));
        }
    }

    @Override
    public synchronized String output() {
        return output.toString().strip();
    }

    @Override
    public OptionalInt waitFor(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            InspectExecResponse state;
            try {
                state = engine.client().inspectExecCmd(exec).exec();
            } catch (NotFoundException e) {
                throw lost();
            } catch (RuntimeException e) {
                throw new io.rasfleet.worker.WorkerUnreachableException("the Docker engine " + engine.address()
                        + " does not answer: " + Causes.described(e), e);
            }
            if (!Boolean.TRUE.equals(state.isRunning())) {
                if (state.getExitCodeLong() != null) {
                    if (!containerRunning()) {
                        throw lost();
                    }
                    return OptionalInt.of(state.getExitCodeLong().intValue());
                }
                if (!containerRunning()) {
                    throw lost();
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                return OptionalInt.empty();
            }
            Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, Duration.between(Instant.now(), deadline).toMillis())));
        }
    }

    private boolean containerRunning() {
        try {
            InspectContainerResponse.ContainerState state = engine.client().inspectContainerCmd(container).exec().getState();
            return Boolean.TRUE.equals(state.getRunning());
        } catch (NotFoundException e) {
            return false;
        }
    }

    private IOException lost() {
        return containerLost(engine, container);
    }

    /** Why a plan's container is no longer there to run in: stopped (how), removed, or its engine lost. */
    static IOException containerLost(DockerEngine engine, String container) {
        try {
            InspectContainerResponse.ContainerState state = engine.client().inspectContainerCmd(container).exec().getState();
            return new IOException("the container " + container.substring(0, 12) + " stopped under the plan (exit code "
                    + state.getExitCodeLong() + (Boolean.TRUE.equals(state.getOOMKilled()) ? ", killed for lack of memory: raise"
                    + " memory_limit" : "") + (state.getError() != null && !state.getError().isBlank() ? ", " + state.getError() : "")
                    + ")");
        } catch (NotFoundException e) {
            return new IOException("the container " + container.substring(0, 12) + " of this plan was removed from outside");
        } catch (RuntimeException e) {
            return new io.rasfleet.worker.WorkerUnreachableException("the Docker engine " + engine.address() + " was lost: "
                    + Causes.described(e), e);
        }
    }

    @Override
    public void kill() {
        try {
            engine.client().killContainerCmd(container).exec();
        } catch (NotFoundException | ConflictException e) {
            // not running any more
        } catch (RuntimeException e) {
            LOG.notKilled("container " + container, engine.address().toString(), e);
        }
    }
}
