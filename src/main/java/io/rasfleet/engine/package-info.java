/**
 * How HEC-RAS is launched and kept under control. {@link io.rasfleet.engine.RasCommandLines} builds
 * the Windows ({@code Ras.exe -c}) and Linux engine command lines as argument lists;
 * {@link io.rasfleet.engine.PlanLaunch} says what to run and under which rules (time limit,
 * priority, log file, progress probe); {@link io.rasfleet.engine.PlanProcess} runs it and, on
 * time-out, stop or close, ends every process of its tree, remembered as it grew
 * ({@code ProcessTree}), because a killed launcher alone leaves HEC-RAS computing. The trees read
 * the machine's processes from one {@code ProcessTable} shared by all of them (a reading walks
 * every process of the machine), and every plan's watch runs from one shared beat.
 * (The Linux engine's steps are chained where they run, in {@code worker.linux}.) The engine reads no
 * HEC-RAS file itself: progress comes through a {@link io.rasfleet.engine.ProgressProbe} that the
 * caller supplies.
 */
package io.rasfleet.engine;
