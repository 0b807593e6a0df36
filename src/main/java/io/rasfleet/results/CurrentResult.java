package io.rasfleet.results;

import io.rasfleet.project.PlanFiles;
import io.rasfleet.project.PlanId;
import io.rasfleet.project.RasProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a plan's {@code Name.pNN.hdf} in the project is current, as ras-commander decides before
 * running a plan: the result exists, its content says the run succeeded, and it is newer than every
 * file the plan is computed from. A current plan need not run again.
 *
 * <p>The project file ({@code .prj}) and the RAS Mapper file ({@code .rasmap}) are not inputs here:
 * HEC-RAS rewrites them when the project is opened or a layer is shown, without changing what a plan
 * computes. The terrain and land cover they name are inputs. Nor is the plan's DSS output
 * ({@code Name.dss} by default): HEC-RAS writes it at the end of every run, after the result, so it
 * would make every result look stale; a DSS file a flow file reads is an input all the same.
 *
 * @param reason why, in words for the user: the solution when current, else the newest input that is
 *               newer than the result, or why the result does not count
 */
public record CurrentResult(boolean current, String reason) {

    /** Plan {@code id}'s result in {@code project}, judged against every input the plan has there. */
    public static CurrentResult of(RasProject project, PlanId id) {
        PlanFiles files = project.filesFor(id);
        Set<String> rewrittenByHecRas = new java.util.HashSet<>(files.dssOutput());
        rewrittenByHecRas.add(relative(files, project.projectFile()));
        rewrittenByHecRas.add(relative(files, project.file("rasmap")));
        return of(files, project.plan(id).resultFile(), rewrittenByHecRas);
    }

    static CurrentResult of(PlanFiles files, Path result, Set<String> notInputs) {
        String name = result.getFileName().toString();
        if (!Files.isRegularFile(result)) {
            return notCurrent("no results file " + name);
        }
        FileTime written;
        try {
            written = Files.getLastModifiedTime(result);
        } catch (IOException e) {
            return notCurrent("the time of " + name + " cannot be read: " + e.getMessage());
        }
        Optional<String> newer = newestInputAfter(files, notInputs, written);
        if (newer.isPresent()) {
            return notCurrent(newer.get() + " is newer than " + name + " (written " + written + ")");
        }
        Verdict verdict;
        try (ResultFile file = ResultFile.open(result)) {
            verdict = PlanVerdicts.judge(file);
        } catch (ResultFileException e) {
            return notCurrent(name + " cannot be read: " + e.getMessage());
        }
        if (!verdict.succeeded()) {
            return notCurrent(name + " is not a successful run (" + verdict.state() + ": " + verdict.reason() + ")");
        }
        return new CurrentResult(true, "results newer than every input, solution " + verdict.reason()
                + " (" + name + " written " + written + ")");
    }

    /** The newest input modified after {@code written}, with its time, if any. */
    private static Optional<String> newestInputAfter(PlanFiles files, Set<String> notInputs, FileTime written) {
        String newest = null;
        FileTime newestTime = written;
        for (String input : files.files()) {
            if (notInputs.contains(input)) {
                continue;
            }
            Path file = files.folder().resolve(input);
            FileTime time;
            try {
                time = Files.getLastModifiedTime(file);
            } catch (IOException e) {
                // an input that vanished or cannot be read since the plan was listed: the run will say what is wrong
                return Optional.of(input + " (its time cannot be read: " + e.getMessage() + ")");
            }
            if (time.compareTo(newestTime) > 0) {
                newest = input;
                newestTime = time;
            }
        }
        return newest == null ? Optional.empty() : Optional.of(newest + " (modified " + newestTime + ")");
    }

    private static String relative(PlanFiles files, Path file) {
        return files.folder().relativize(file).toString().replace('\\', '/');
    }

    private static CurrentResult notCurrent(String reason) {
        return new CurrentResult(false, reason);
    }
}
