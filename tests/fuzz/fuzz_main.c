/* fuzz_main.c -- replay driver: runs a fuzz target over the files named on
 * the command line, so the corpus runs under plain gcc in CTest. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        uint8_t *buf;
        long n;

        if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0) {
            fprintf(stderr, "fuzz_main: cannot read %s\n", argv[i]);
            return 1;
        }
        rewind(fp);
        buf = malloc((size_t)n + 1);
        if (buf == NULL || fread(buf, 1, (size_t)n, fp) != (size_t)n) {
            fprintf(stderr, "fuzz_main: cannot read %s\n", argv[i]);
            return 1;
        }
        fclose(fp);
        LLVMFuzzerTestOneInput(buf, (size_t)n);
        free(buf);
    }
    printf("replayed %d inputs\n", argc - 1);
    return 0;
}
