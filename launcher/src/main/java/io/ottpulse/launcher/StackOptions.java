package io.ottpulse.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the project and the stack's data are; shared by the commands. */
final class StackOptions {

    @Option(names = "--home", defaultValue = "${sys:ottpulse.home:-.}", description = "The project directory (holding the built modules).")
    Path home;

    @Option(names = "--data-dir", description = "Data and logs; default: <home>/data.")
    Path dataDir;

    StackLayout layout() {
        Path absoluteHome = home.toAbsolutePath().normalize();
        return new StackLayout(absoluteHome, dataDir == null ? absoluteHome.resolve("data") : dataDir.toAbsolutePath());
    }
}
