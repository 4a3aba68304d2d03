/* fuzz_scan_bicep.c -- one input is one Bicep file (fuzz_scan.h). */
#include "fuzz_scan.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_scan_one(aa_scan_bicep, AA_SCAN_BICEP, "fuzz.bicep", data, size);
    return 0;
}
