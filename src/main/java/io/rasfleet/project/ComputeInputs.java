package io.rasfleet.project;

import java.util.List;

/**
 * The files HEC-RAS's Linux engine computes from, which only a Windows run of HEC-RAS makes
 * ("Completing Geometry, Flow and Plan"): {@code Name.pNN.tmp.hdf}, {@code Name.bNN} and
 * {@code Name.xGG}.
 */
public record ComputeInputs(String tmpHdf, String boundary, String geometryExecution) {

    public static ComputeInputs of(String projectName, Plan plan) {
        if (plan.geometryDigits() == null) {
            throw new ProjectException("plan " + plan.id() + " of " + projectName + " names no geometry (Geom File=)");
        }
        return new ComputeInputs(projectName + "." + plan.id().extension() + ".tmp.hdf",
                projectName + ".b" + plan.id().digits(), projectName + ".x" + plan.geometryDigits());
    }

    public List<String> names() {
        return List.of(tmpHdf, boundary, geometryExecution);
    }

    /** Those of {@link #names()} that {@code present} lacks. */
    public List<String> missingFrom(java.util.Collection<String> present) {
        return names().stream().filter(n -> !present.contains(n)).toList();
    }
}
