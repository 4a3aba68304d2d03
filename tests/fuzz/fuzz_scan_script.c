/* fuzz_scan_script.c -- one input is one script (fuzz_scan.h).  The
 * comment syntax and the string forms come from the file's name, so the
 * input's first byte picks the language: shell, Python, PowerShell,
 * JavaScript, batch, C#, Go, Kotlin, CI YAML or a Makefile. */
#include "fuzz_scan.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {
        "fuzz.sh", "fuzz.py", "fuzz.ps1", "fuzz.js", "fuzz.bat",
        "fuzz.cs", "fuzz.go", "fuzz.kt",  "ci.yml",  "Makefile"};
    size_t pick = size > 0 ? data[0] % (sizeof(names) / sizeof(*names)) : 0;

    fuzz_scan_one(aa_scan_script, AA_SCAN_SCRIPT, names[pick], data, size);
    return 0;
}
