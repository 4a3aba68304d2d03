/* fuzz_scan_tf.c -- one input is one Terraform file, a module of its own
 * (fuzz_scan.h). */
#include "fuzz_scan.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_scan_one(aa_scan_tf, AA_SCAN_TERRAFORM, "fuzz.tf", data, size);
    return 0;
}
