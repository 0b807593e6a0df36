package io.rasfleet.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.SampleProjects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedPlanTest {

    @TempDir
    Path tmp;

    @Test
    void stagingCopiesOnlyThePlansFiles() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Files.writeString(folder.resolve("Muncie.p02.hdf"), "other result");
        StagedPlan staged = StagedPlan.copy(RasProject.open(folder), PlanId.parse("1"), tmp.resolve("work/p01"));
        try (var files = Files.list(staged.folder())) {
            assertEquals(List.of("Muncie.g05", "Muncie.p01", "Muncie.prj", "Muncie.u02"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void setCoresChangesEveryCoresLineAndNoOtherByteOfACrlfPlan() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        byte[] before = Files.readAllBytes(folder.resolve("Muncie.p01"));
        StagedPlan staged = StagedPlan.copy(RasProject.open(folder), PlanId.parse("1"), tmp.resolve("work"));
        staged.setCores(4);
        byte[] after = Files.readAllBytes(staged.planFile());
        assertArrayEquals(before, Files.readAllBytes(folder.resolve("Muncie.p01")), "the source plan is untouched");

        List<String> oldLines = crlfLines(before);
        List<String> newLines = crlfLines(after);
        assertEquals(oldLines.size(), newLines.size(), "the keys existed: nothing added");
        int changed = 0;
        for (int i = 0; i < oldLines.size(); i++) {
            if (!oldLines.get(i).equals(newLines.get(i))) {
                changed++;
                assertTrue(newLines.get(i).matches("(UNET D1 Cores|UNET D2 Cores|PS Cores)= 4"), newLines.get(i));
            }
        }
        assertEquals(4, changed, "UNET D1, PS and both UNET D2 Cores lines");
        assertFalse(new String(after, StandardCharsets.ISO_8859_1).replace("\r\n", "").contains("\n"), "CRLF kept");
    }

    @Test
    void setCoresAddsTheKeysWhenAbsent() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Path p02 = folder.resolve("Muncie.p02");
        Files.writeString(p02, Files.readString(p02).replaceAll("(?m)^(UNET D1 Cores|UNET D2 Cores|PS Cores)=.*\r\n", ""));
        StagedPlan staged = StagedPlan.copy(RasProject.open(folder), PlanId.parse("2"), tmp.resolve("work"));
        staged.setCores(2);
        KeyedTextFile text = KeyedTextFile.read(staged.planFile());
        for (String key : StagedPlan.CORE_KEYS) {
            assertEquals(List.of(" 2"), text.values(key), key);
        }
        assertFalse(Files.readString(staged.planFile()).replace("\r\n", "").contains("\n"), "added lines end in CRLF too");
    }

    @Test
    void writeDetailedIsSetToOne() {
        Path folder = SampleProjects.muncie(tmp);
        StagedPlan staged = StagedPlan.copy(RasProject.open(folder), PlanId.parse("1"), tmp.resolve("work"));
        staged.writeDetailed();
        assertEquals(List.of(" 1"), KeyedTextFile.read(staged.planFile()).values("Write Detailed"));
    }

    @Test
    void staleResultsAndGeometryPreprocessorAreRemovedFromTheStagedCopyOnly() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Files.writeString(folder.resolve("Muncie.c05"), "preprocessed");
        StagedPlan staged = StagedPlan.copy(RasProject.open(folder), PlanId.parse("1"), tmp.resolve("work"));
        for (String ext : List.of("p01.hdf", "p01.tmp.hdf", "p01.computeMsgs.txt", "bco01")) {
            Files.writeString(staged.file(ext), "stale");
        }
        staged.removeStaleResults().clearGeometryPreprocessor();
        for (String ext : List.of("p01.hdf", "p01.tmp.hdf", "p01.computeMsgs.txt", "bco01", "c05")) {
            assertFalse(Files.exists(staged.file(ext)), ext);
        }
        assertTrue(Files.exists(folder.resolve("Muncie.c05")), "the project keeps its preprocessor file");
    }

    @Test
    void forceGeometryPreprocessorAlsoRemovesTheStagedGeometryHdfAndClearKeepsIt() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Files.writeString(folder.resolve("Muncie.c05"), "preprocessed");
        Files.writeString(folder.resolve("Muncie.g05.hdf"), "geometry tables");
        RasProject project = RasProject.open(folder);
        StagedPlan cleared = StagedPlan.copy(project, PlanId.parse("1"), tmp.resolve("clear")).clearGeometryPreprocessor();
        assertFalse(Files.exists(cleared.file("c05")));
        assertTrue(Files.exists(cleared.file("g05.hdf")), "clearGeompre keeps the geometry HDF");
        StagedPlan forced = StagedPlan.copy(project, PlanId.parse("1"), tmp.resolve("force")).forceGeometryPreprocessor();
        assertFalse(Files.exists(forced.file("c05")));
        assertFalse(Files.exists(forced.file("g05.hdf")), "forceGeompre deletes the geometry HDF too");
        assertTrue(Files.exists(folder.resolve("Muncie.g05.hdf")) && Files.exists(folder.resolve("Muncie.c05")),
                "the project keeps both");
    }

    @Test
    void editingTheSourceProjectIsRefused() {
        Path folder = SampleProjects.muncie(tmp);
        RasProject project = RasProject.open(folder);
        assertThrows(ProjectException.class, () -> StagedPlan.copy(project, PlanId.parse("1"), folder));
        assertThrows(ProjectException.class, () -> StagedPlan.at(folder, "Muncie", project.plan(PlanId.parse("1"))));
    }

    @Test
    void stagingAPlanWithMissingFilesNamesThem() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Files.delete(folder.resolve("Muncie.u02"));
        ProjectException e = assertThrows(ProjectException.class,
                () -> StagedPlan.copy(RasProject.open(folder), PlanId.parse("1"), tmp.resolve("work")));
        assertTrue(e.getMessage().contains("Muncie.u02"), e.getMessage());
    }

    private static List<String> crlfLines(byte[] bytes) {
        return new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n", -1)));
    }
}
