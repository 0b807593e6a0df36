/**
 * The HEC-RAS project as files: {@link io.rasfleet.project.RasProject} finds the {@code .prj} and
 * reads the plans it lists; {@link io.rasfleet.project.PlanFiles} says which files one plan needs,
 * so that a worker receives those and not the whole project with every old result;
 * {@link io.rasfleet.project.StagedPlan} copies them into a working folder and makes the edits a
 * run needs there (cores, detailed log, stale results removed), never in the source project.
 * {@link io.rasfleet.project.KeyedTextFile} keeps every byte it does not edit, line endings
 * included, because HEC-RAS users diff their plan files.
 */
package io.rasfleet.project;
