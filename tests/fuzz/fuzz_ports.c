/*
 * fuzz_ports.c - libFuzzer target for the port-label grammar (ports.c).
 *
 * The bytes are split at the first NUL: the part before is parsed as a
 * label with ports_parse_label(), and, when it parses, printed again with
 * ports_label() and parsed a second time, which must give the same
 * portspec (the canonical label is a fixed point). The part after the NUL
 * feeds ports_from_aws() as "PROTOCOL FROM TO" so that every protocol name
 * and number meets every port value, including huge and negative ones.
 */
#include "fuzz_common.h"
#include "ports.h"

/* Parse, print, reparse: the canonical label must round-trip. */
static void check_label(const char *label)
{
    struct portspec a, b;
    char err[256], buf[PORTS_LABEL_MAX];

    if (ports_parse_label(label, &a, err, sizeof(err)) < 0)
        return;
    ports_label(&a, buf);
    if (ports_parse_label(buf, &b, err, sizeof(err)) < 0 || a.proto != b.proto ||
        a.from != b.from || a.to != b.to) {
        fprintf(stderr, "label '%s' printed as '%s' does not round-trip\n", label, buf);
        abort();
    }
    if (ports_compare(&a, &b) != 0 || !ports_covers(&a, &b)) {
        fprintf(stderr, "label '%s' is not equal to itself\n", label);
        abort();
    }
}

/* "PROTOCOL [FROM [TO]]" through the AWS field builder. */
static void check_aws(char *text)
{
    struct portspec p;
    char err[256], buf[PORTS_LABEL_MAX];
    char *proto = text, *rest, *end;
    long from = 0, to = 0;
    int has_ports = 0;

    rest = strchr(text, ' ');
    if (rest) {
        *rest++ = '\0';
        from = strtol(rest, &end, 10);
        to = strtol(end, NULL, 10);
        has_ports = 1;
    }
    if (ports_from_aws(proto, has_ports, from, to, &p, err, sizeof(err)) == 0) {
        ports_label(&p, buf);
        if (memchr(buf, '\0', sizeof(buf)) == NULL)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = fuzz_copy(data, size, 4096);
    size_t first;

    if (!copy)
        return 0;
    first = strlen(copy);
    check_label(copy);
    if (first < size)
        check_aws(copy + first + 1);
    free(copy);
    return 0;
}
