/*
 * yaml_floor.c -- the floor under loading a rule file: libyaml's events
 * for the whole file, and nothing made of them.  bench/rule_load.sh sets
 * the loader's time beside it.
 *
 * Usage: bench_yaml_floor FILE.  Prints the number of events; exits 1
 * when the file is not YAML.  A measurement, not a test.
 */
#include <stdio.h>
#include <stdlib.h>

#include <yaml.h>

int
main(int argc, char **argv)
{
    yaml_parser_t p;
    yaml_event_t ev;
    unsigned long events = 0;
    FILE *fp;
    int done = 0;

    if (argc != 2 || (fp = fopen(argv[1], "rb")) == NULL) {
        fputs("usage: bench_yaml_floor FILE\n", stderr);
        return 2;
    }
    if (!yaml_parser_initialize(&p))
        return 2;
    yaml_parser_set_input_file(&p, fp);
    while (!done) {
        if (!yaml_parser_parse(&p, &ev)) {
            fprintf(stderr, "%s: not YAML: %s\n", argv[1],
                    p.problem ? p.problem : "?");
            return 1;
        }
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        events++;
    }
    yaml_parser_delete(&p);
    fclose(fp);
    printf("%lu events\n", events);
    return 0;
}
