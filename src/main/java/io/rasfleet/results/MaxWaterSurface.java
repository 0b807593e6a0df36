package io.rasfleet.results;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The highest water surface each 1D cross section reached in a plan's results: the profile a
 * modeller lays over other scenarios' to compare them. Unsteady results keep a water surface per
 * output time and cross section, steady results one per profile; either way the maximum over the
 * first axis is taken. Cross sections are named by {@code Geometry Info/Cross Section Only}
 * ("River Reach Station", fixed width in HEC-RAS's files, single spaces in the stand-in's).
 */
public final class MaxWaterSurface {

    static final String UNSTEADY = "/Results/Unsteady/Output";
    static final String STEADY = "/Results/Steady/Output";
    static final String UNSTEADY_WS = "/Output Blocks/Base Output/Unsteady Time Series/Cross Sections/Water Surface";
    static final String STEADY_WS = "/Output Blocks/Base Output/Steady Profiles/Cross Sections/Water Surface";
    static final String NAMES = "/Geometry Info/Cross Section Only";

    /**
     * One cross section: its full label, its river station as written, the station as a number for an
     * axis, the highest water surface; the highest flow where the file holds flows, and the hours from
     * the first output time to the highest water surface where it holds a time series (else null).
     */
    public record Section(String label, String station, double stationValue, double maxWaterSurface, Double maxFlow,
                          Double hoursToPeak) {
    }

    private MaxWaterSurface() {
    }

    /** The sections in file order (upstream first in HEC-RAS), or a {@link ResultFileException} naming what is missing. */
    public static List<Section> read(Path hdf) {
        try (HdfFile file = new HdfFile(hdf)) {
            String kind = exists(file, UNSTEADY + UNSTEADY_WS) ? UNSTEADY
                    : exists(file, STEADY + STEADY_WS) ? STEADY : null;
            if (kind == null) {
                throw new ResultFileException(hdf + " holds no 1D cross-section water surface (" + UNSTEADY + UNSTEADY_WS
                        + " or " + STEADY + STEADY_WS + ")", null);
            }
            String wsPath = kind + (kind.equals(UNSTEADY) ? UNSTEADY_WS : STEADY_WS);
            float[][] ws = table(file, wsPath, hdf);
            String flowPath = wsPath.replace("/Water Surface", "/Flow");
            float[][] flow = exists(file, flowPath) ? table(file, flowPath, hdf) : null;
            String timePath = kind + UNSTEADY_WS.replace("/Cross Sections/Water Surface", "/Time");
            double[] days = kind.equals(UNSTEADY) && exists(file, timePath) ? days(file.getDatasetByPath(timePath).getData()) : null;
            // HEC-RAS keeps the names beside the output blocks; the stand-in one level up
            String namesAt = exists(file, kind + NAMES) ? kind + NAMES
                    : exists(file, kind.replace("/Output", "") + NAMES) ? kind.replace("/Output", "") + NAMES : null;
            String[] names = namesAt == null ? null : (String[]) file.getDatasetByPath(namesAt).getData();
            int count = ws.length == 0 ? 0 : ws[0].length;
            if (names != null && names.length != count) {
                throw new ResultFileException(hdf + ": " + names.length + " cross-section names for " + count
                        + " water-surface columns", null);
            }
            List<Section> sections = new ArrayList<>(count);
            for (int x = 0; x < count; x++) {
                double max = Double.NEGATIVE_INFINITY;
                int peak = 0;
                for (int t = 0; t < ws.length; t++) {
                    if (ws[t][x] > max) {
                        max = ws[t][x];
                        peak = t;
                    }
                }
                Double maxFlow = null;
                if (flow != null && flow.length > 0 && flow[0].length == count) {
                    double most = Double.NEGATIVE_INFINITY;
                    for (float[] row : flow) {
                        most = Math.max(most, row[x]);
                    }
                    maxFlow = most;
                }
                Double hoursToPeak = days != null && days.length == ws.length ? (days[peak] - days[0]) * 24 : null;
                String label = names == null ? "XS " + (x + 1) : names[x].strip().replaceAll("\\s{2,}", " ");
                String station = label.substring(label.lastIndexOf(' ') + 1);
                sections.add(new Section(label, station, number(station, count - x), max, maxFlow, hoursToPeak));
            }
            return sections;
        } catch (ResultFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ResultFileException(hdf + " cannot be read as a HEC-RAS result: " + e.getMessage(), e);
        }
    }

    /** The file's units ("US Customary" or "SI Units" in HEC-RAS's root attribute {@code Units System}), or null. */
    public static String units(Path hdf) {
        try (HdfFile file = new HdfFile(hdf)) {
            Object value = file.getAttribute("Units System") == null ? null : file.getAttribute("Units System").getData();
            return value instanceof String[] array && array.length > 0 ? array[0] : value == null ? null : value.toString();
        } catch (RuntimeException e) {
            throw new ResultFileException(hdf + " cannot be read as a HEC-RAS result: " + e.getMessage(), e);
        }
    }

    private static double[] days(Object data) {
        if (data instanceof double[] d) {
            return d;
        }
        if (data instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        return null;
    }

    private static boolean exists(HdfFile file, String path) {
        try {
            Node node = file.getByPath(path);
            return node instanceof Dataset;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static float[][] table(HdfFile file, String path, Path hdf) {
        Object data = file.getDatasetByPath(path).getData();
        if (data instanceof float[][] floats) {
            return floats;
        }
        if (data instanceof double[][] doubles) {
            float[][] floats = new float[doubles.length][];
            for (int i = 0; i < doubles.length; i++) {
                floats[i] = new float[doubles[i].length];
                for (int j = 0; j < doubles[i].length; j++) {
                    floats[i][j] = (float) doubles[i][j];
                }
            }
            return floats;
        }
        throw new ResultFileException(hdf + ": " + path + " is not a 2D table of numbers but "
                + (data == null ? "empty" : data.getClass().getSimpleName() + (data.getClass().isArray() ? " of " + Array.getLength(data) : "")), null);
    }

    /** HEC-RAS stations are numbers, an interpolated one ends in '*'; one that is not keeps its place by index. */
    private static double number(String station, int fallback) {
        try {
            return Double.parseDouble(station.endsWith("*") ? station.substring(0, station.length() - 1) : station);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
