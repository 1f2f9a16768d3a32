package io.ottpulse.archive;

import org.apache.hadoop.fs.Path;

/** A finished temporary file and the name it is committed under. */
record FileMove(Path temp, Path target) {
}
