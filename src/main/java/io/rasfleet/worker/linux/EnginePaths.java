package io.rasfleet.worker.linux;

/** POSIX paths on the engine's side, whatever the app server's own file system writes. */
final class EnginePaths {

    private EnginePaths() {
    }

    static String join(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }
}
