package io.rasfleet.worker;

import java.nio.file.Path;

/**
 * A worker that can run HEC-RAS the Windows way, and so make the compute inputs HEC-RAS's Linux
 * engine needs ({@code preprocess_on_host}). The files land on the app server, in a folder that is
 * the caller's to remove.
 */
public interface ComputeInputsMaker {

    /**
     * Runs the plan's preprocessing in {@code into}. A program that ran but wrote no inputs is
     * HEC-RAS's answer ({@link Preprocessed#failed}); a failure to run it at all is thrown.
     */
    Preprocessed makeComputeInputs(PlanTask task, Path projectFolder, Path into) throws WorkerException, InterruptedException;
}
