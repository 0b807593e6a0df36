package io.rasfleet.worker.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A container run to its end for a short answer: its exit code and its standard output and error,
 * kept apart and exactly as printed. The container is removed in every case.
 */
final class ShortContainer {

    record Answer(int exitCode, String stdout, String stderr) {
    }

    private ShortContainer() {
    }

    /** Creates the container {@code create} describes, starts it and waits up to {@code timeout} for its end. */
    static Answer run(DockerEngine engine, CreateContainerCmd create, Duration timeout) throws IOException, InterruptedException {
        String container = null;
        try {
            container = create.exec().getId();
            engine.client().startContainerCmd(container).exec();
            int code = engine.client().waitContainerCmd(container).start().awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
            Output output = new Output();
            if (!engine.client().logContainerCmd(container).withStdOut(true).withStdErr(true).exec(output)
                    .awaitCompletion(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new IOException("the output of container " + container + " did not come within " + timeout.toSeconds() + " s");
            }
            return new Answer(code, output.text(output.stdout), output.text(output.stderr));
        } finally {
            if (container != null) {
                DockerSession.removeQuietly(engine, container);
            }
        }
    }

    /** Frames may cut a character in two: bytes are kept and decoded at the end. */
    private static final class Output extends ResultCallback.Adapter<Frame> {
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        @Override
        public synchronized void onNext(Frame frame) {
            (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).writeBytes(frame.getPayload());
        }

        synchronized String text(ByteArrayOutputStream stream) {
            return stream.toString(StandardCharsets.UTF_8);
        }
    }
}
