package io.rasfleet.worker.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.worker.WorkerConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SbatchOptionsTest {

    private static String refusal(String option) {
        WorkerConfigException e = assertThrows(WorkerConfigException.class, () -> SbatchOptions.validate("hpc", List.of(option)));
        assertEquals("sbatch_options", e.field());
        return e.getMessage();
    }

    @Test
    void plainOptionsPass() {
        assertEquals(List.of("--exclusive", "--constraint=avx2", "--gres=gpu:1"),
                SbatchOptions.validate("hpc", List.of("--exclusive", "--constraint=avx2", "--gres=gpu:1")));
    }

    @Test
    void shellWordsAreRefused() {
        assertTrue(refusal("--constraint=avx2; rm -rf ~").contains("no spaces, quotes or shell words"));
        assertTrue(refusal("--comment=$(id)").contains("not one option"));
        assertTrue(refusal("--x=`id`").contains("not one option"));
        assertTrue(refusal("exclusive").contains("not one option"));
    }

    @Test
    void optionsTheWorkerSetsItselfAreRefusedLongOrShort() {
        assertTrue(refusal("--time=10").contains("'--time' is set by the worker itself"));
        assertTrue(refusal("--partition=big").contains("'--partition'"));
        assertTrue(refusal("--job-name=x").contains("'--job-name'"));
        assertTrue(refusal("-p").contains("'-p' is set by the worker itself"));
        assertTrue(refusal("--signal=B:USR1@30").contains("'--signal' is set by the worker itself"));
    }

    @Test
    void exportIsTheAdminsToGive() {
        assertEquals(List.of("--export=TMPDIR,HOME"), SbatchOptions.validate("hpc", List.of("--export=TMPDIR,HOME")));
    }

    @Test
    void nodesToAvoidJoinTheAdminsOwnExcludeInOneOption() {
        assertEquals(List.of("--parsable", "--exclusive", "--exclude=bad1,n7,n9"), SbatchOptions.excluding(
                List.of("--parsable", "--exclude=bad1", "--exclusive"), java.util.Set.of("n9", "n7")));
        assertEquals(List.of("--parsable", "--exclude=n7"), SbatchOptions.excluding(List.of("--parsable"), java.util.Set.of("n7")));
        assertEquals(List.of("--parsable"), SbatchOptions.excluding(List.of("--parsable"), java.util.Set.of()));
    }
}
