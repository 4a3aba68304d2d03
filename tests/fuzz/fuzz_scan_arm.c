/* fuzz_scan_arm.c -- one input is one ARM template (fuzz_scan.h). */
#include "fuzz_scan.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_scan_one(aa_scan_arm, AA_SCAN_ARM, "fuzz.json", data, size);
    return 0;
}
