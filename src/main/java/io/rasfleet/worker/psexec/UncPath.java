package io.rasfleet.worker.psexec;

import io.rasfleet.worker.WorkerConfigException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Windows share as {@code \\host\Share}, optionally with a folder below it. A mapped drive
 * letter is refused: it belongs to one Windows logon session, which the app server is not.
 */
public record UncPath(String host, String share, String folder) {

    private static final Pattern UNC = Pattern.compile("(?:\\\\\\\\|//)([^\\\\/]+)[\\\\/]([^\\\\/]+)((?:[\\\\/][^\\\\/]+)*)[\\\\/]?");
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*");
    private static final Pattern SHARE_NAME = Pattern.compile("[^\"*+,/:;<=>?\\[\\\\\\]|\\p{Cntrl}]{1,80}");

    public static UncPath parse(String worker, String text) {
        if (text == null || text.isBlank()) {
            throw new WorkerConfigException("share_path", "share_path is required for worker " + worker + " (\\\\host\\Share)");
        }
        String value = text.strip();
        if (DRIVE.matcher(value).matches()) {
            throw new WorkerConfigException("share_path", "share_path '" + value + "' of worker " + worker + " is a mapped drive:"
                    + " a drive letter belongs to one Windows logon session and the app server cannot see it; use the UNC"
                    + " path, \\\\host\\Share");
        }
        Matcher m = UNC.matcher(value);
        if (!m.matches() || !SHARE_NAME.matcher(m.group(2)).matches() || value.contains("..")) {
            throw new WorkerConfigException("share_path", "share_path '" + value + "' of worker " + worker
                    + " is not a UNC path such as \\\\host\\Share");
        }
        String folder = m.group(3).isEmpty() ? "" : m.group(3).substring(1).replace('/', '\\');
        return new UncPath(m.group(1), m.group(2), folder);
    }

    /** A path inside the share, as smbj takes it ({@code folder\sub\file}). */
    public String inShare(String relative) {
        String rest = relative.replace('/', '\\');
        return folder.isEmpty() ? rest : folder + "\\" + rest;
    }

    /** The share's folder on its own machine when none is configured: {@code C:\<share name>}. */
    public String defaultLocalPath() {
        return "C:\\" + share;
    }

    @Override
    public String toString() {
        return "\\\\" + host + "\\" + share + (folder.isEmpty() ? "" : "\\" + folder);
    }
}
