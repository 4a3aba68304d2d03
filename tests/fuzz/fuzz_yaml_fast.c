/* fuzz_yaml_fast.c -- the one-pass YAML reader against libyaml: whatever
 * the bytes, a text the one-pass reader takes must read through libyaml
 * with no error, to the same tree (tests/unit/test_yaml_fast.c holds the
 * same invariant over chosen and mutated files; this lets libFuzzer look
 * further). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../unit/yaml_differ.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct yaml_pair y;
    const char *why = yaml_differ_check(&y, (const char *)data, size);

    yaml_pair_fini(&y);
    if (why != NULL)
        abort();
    return 0;
}
