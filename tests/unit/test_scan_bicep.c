/* test_scan_bicep.c -- placeholder until the tests land. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "scan.h"

static void
test_placeholder(void **state)
{
    (void)state;
    assert_int_equal(aa_detect_find("pid_root"), AA_D_PID_ROOT);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_placeholder)};

    return cmocka_run_group_tests(tests, NULL, NULL);
}
