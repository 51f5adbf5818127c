/*
 * split_internal.h - render --split (render_split.c), for cmd_render.c.
 */
#ifndef SGMAP_SPLIT_INTERNAL_H
#define SGMAP_SPLIT_INTERNAL_H

#include "draw.h"
#include "model.h"
#include "theme.h"
#include "view.h"

struct split_request {
    const char *mode;           /* "vpc" or "component" */
    const char *dir;            /* the folder (-o), created when missing */
    enum draw_format format;    /* of every drawing */
    const char *ext;            /* their file names' extension */
    int html_index;             /* index.html (-f html), else index.md */
    const struct theme *theme;
    struct view_options view;   /* the drawing options; each part sets --vpc or --group */
};

/* Write one drawing per part and the index. Returns 0, or -1 after
 * reporting. */
int render_split(const struct model *m, const struct split_request *rq);

#endif
