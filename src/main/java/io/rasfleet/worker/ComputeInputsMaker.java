package io.rasfleet.worker;

import java.nio.file.Path;
import java.util.Map;

/**
 * A worker that can run HEC-RAS the Windows way, and so make the compute inputs HEC-RAS's Linux
 * engine needs ({@code preprocess_on_host}). The files land on the app server, in a folder that is
 * the caller's to remove.
 */
public interface ComputeInputsMaker {

    /** The plan's {@code .pNN.tmp.hdf}, {@code .bNN} and {@code .xGG} by file name, made in {@code into}. */
    Map<String, Path> makeComputeInputs(PlanTask task, Path projectFolder, Path into) throws WorkerException;
}
