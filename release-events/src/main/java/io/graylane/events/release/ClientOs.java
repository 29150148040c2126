package io.graylane.events.release;

/**
 * Client operating systems recognised from the User-Agent. Constants are spelled as on the wire;
 * Android reports "Linux" too, so matching Linux must exclude Android.
 */
public enum ClientOs {
    Windows,
    macOS,
    Linux,
    Android,
    iOS
}
