/*
 * dot_grid.c - the group-level overview laid out as a grid of blocks,
 * for the DOT writer. dot ranks a whole drawing at once: the 500 groups of
 * 100 apps made five columns of 100 boxes, a strip 18,000 pt tall. Once
 * the hubs' arrows are folded (view_fold.c) the rest falls apart into
 * blocks (connected parts: one app's tiers), which are dealt into columns
 * of about equal height, as many columns as give the drawing a screen's
 * shape; invisible anchors between the columns make dot rank each column
 * after the one before (with newrank, so that ranks hold across the VPC
 * frames). The anchors sit in a VPC's frame: outside every cluster dot
 * put them below everything, and the drawing grew by half its height. A drawing whose blocks are too few or too large (one tangle of
 * groups) is left to dot as it is. A packed (osage) overview orders its
 * nodes by block instead, for the DOT writer to frame each block.
 */
#include <stdlib.h>
#include <string.h>

#include "emit_internal.h"
#include "xalloc.h"

#define GRID_MIN_BLOCKS 4     /* fewer blocks: nothing to arrange */
#define GRID_BLOCK_MAX 40     /* a larger block is a tangle the grid cannot cut */
#define GRID_RANK_PT 220.0    /* estimated width of one rank: a box and the gap after it */
#define GRID_ROW_PT 70.0      /* estimated height of one box in a rank, labels included */
#define GRID_BLOCK_GAP_PT 40.0
#define GRID_ASPECT (16.0 / 9.0)
#define PACKED_BLOCK_MAX 40   /* a packed overview frames blocks up to this size */

static size_t find(size_t *up, size_t x)
{
    while (up[x] != x)
        x = up[x] = up[up[x]];
    return x;
}

static struct view_node *end_node(const struct view_end *e)
{
    return e->cluster ? NULL : e->node;
}

size_t *dot_grid_blocks(const struct view *v, size_t *nblocks_out, size_t **size_out)
{
    size_t n = v->nnodes, i, nblocks = 0;
    size_t *up = xcalloc(n ? n : 1, sizeof(*up));
    size_t *block = xcalloc(n ? n : 1, sizeof(*block));
    size_t *size = xcalloc(n ? n : 1, sizeof(*size));

    for (i = 0; i < n; i++)
        up[i] = i;
    for (i = 0; i < v->nedges; i++) {
        struct view_node *a = end_node(&v->edges[i]->from), *b = end_node(&v->edges[i]->to);
        if (a && b && !v->edges[i]->folded)
            up[find(up, a->id)] = find(up, b->id);
    }
    /* Blocks numbered in the order of their first node. */
    for (i = 0; i < n; i++)
        block[i] = (size_t)-1;
    for (i = 0; i < n; i++) {
        size_t r = find(up, i);
        if (block[r] == (size_t)-1)
            block[r] = nblocks++;
        block[i] = block[r];
        size[block[i]]++;
    }
    free(up);
    *nblocks_out = nblocks;
    *size_out = size;
    return block;
}

size_t *dot_grid_columns(const struct view *v, size_t *ncols)
{
    size_t n = v->nnodes, i, j, nblocks = 0, largest = 0, cols, col;
    size_t *block, *size, *level, *width, *depth, *out = NULL;
    double *height, total = 0, wsum = 0, filled = 0;

    *ncols = 0;
    if (!view_is_overview(v) || n == 0)
        return NULL;
    block = dot_grid_blocks(v, &nblocks, &size);
    level = xcalloc(n, sizeof(*level));
    for (i = 0; i < nblocks; i++)
        if (size[i] > largest)
            largest = size[i];
    if (nblocks < GRID_MIN_BLOCKS || largest > GRID_BLOCK_MAX)
        goto done;
    /* Each node's rank in its block, roughly: the longest chain of arrows
     * to it, relaxed as many times as the largest block has nodes. */
    for (j = 0; j < largest; j++) {
        int moved = 0;
        for (i = 0; i < v->nedges; i++) {
            struct view_node *a = end_node(&v->edges[i]->from), *b = end_node(&v->edges[i]->to);
            if (!a || !b || a == b || v->edges[i]->folded || level[b->id] > level[a->id] ||
                level[a->id] + 1 >= size[block[a->id]])
                continue;
            level[b->id] = level[a->id] + 1;
            moved = 1;
        }
        if (!moved)
            break;
    }
    /* A block's estimated size: its ranks wide, its fullest rank tall. */
    width = xcalloc(nblocks * (largest + 1), sizeof(*width));
    depth = xcalloc(nblocks, sizeof(*depth));
    height = xcalloc(nblocks, sizeof(*height));
    for (i = 0; i < n; i++) {
        size_t k = block[i], w = ++width[k * (largest + 1) + level[i]];
        if (level[i] + 1 > depth[k])
            depth[k] = level[i] + 1;
        if (w * GRID_ROW_PT + GRID_BLOCK_GAP_PT > height[k])
            height[k] = w * GRID_ROW_PT + GRID_BLOCK_GAP_PT;
    }
    for (i = 0; i < nblocks; i++) {
        total += height[i];
        wsum += depth[i] * GRID_RANK_PT;
    }
    /* c columns of a block's mean width and total / c tall: W / H is
     * c * c * mean / total, a screen's shape when c is this. */
    cols = 1;
    while (cols < nblocks &&
           (double)(cols + 1) * (cols + 1) * (wsum / nblocks) / total <= GRID_ASPECT)
        cols++;
    /* Dealt in order, a column at a time, each about total / cols tall. */
    /* After the n columns, n flags: the box starts its block (rank 0). */
    out = xcalloc(2 * n, sizeof(*out));
    {
        size_t *col_of = xcalloc(nblocks, sizeof(*col_of));
        for (i = 0, col = 0; i < nblocks; i++) {
            if (filled > 0 && filled + height[i] / 2 > total / (double)cols * (double)(col + 1) &&
                col + 1 < cols)
                col++;
            col_of[i] = col;
            filled += height[i];
        }
        for (i = 0; i < n; i++) {
            out[i] = col_of[block[i]] + 1;
            out[n + i] = level[i] == 0;
        }
        free(col_of);
    }
    *ncols = col + 1;
    free(width);
    free(depth);
    free(height);
done:
    free(block);
    free(size);
    free(level);
    return out;
}

/* {rank=same; ...} of the boxes that start a block in column c (1-based). */
static void put_same_rank(struct strbuf *out, const struct view *v, const size_t *col, size_t c)
{
    size_t i, n = v->nnodes, k = 0;

    for (i = 0; i < n; i++) {
        if (col[i] != c || !col[n + i])
            continue;
        strbuf_addstr(out, k++ ? "; " : "\t{rank=same; ");
        strbuf_addf(out, "n%zu", i);
    }
    if (k)
        strbuf_addstr(out, "}\n");
}

void dot_grid_anchors(struct strbuf *out, size_t ncols)
{
    size_t i;

    for (i = 0; i <= ncols; i++)
        strbuf_addf(out, "\t\tgrid%zu [shape=point, style=invis, width=0, height=0, label=\"\"];\n",
                    i);
}

void dot_grid_write(struct strbuf *out, const struct view *v, const size_t *col, size_t ncols)
{
    size_t i, c;

    /* weight=0: they set ranks only, and pull no box towards an anchor. */
    for (i = 0; i < v->nnodes; i++)
        if (col[i])
            strbuf_addf(out,
                        "\tgrid%zu -> n%zu [style=invis, weight=0];\n"
                        "\tn%zu -> grid%zu [style=invis, weight=0];\n",
                        col[i] - 1, i, i, col[i]);
    /* The blocks of a column start in one rank: with nothing but weightless
     * anchors to hold them, dot ranked the 18 apps of a column one rank
     * after another, a staircase 23,000 pt wide. */
    for (c = 1; c <= ncols; c++)
        put_same_rank(out, v, col, c);
}

int dot_grid_framed(const size_t *block_size, size_t b)
{
    return block_size[b] >= 2 && block_size[b] <= PACKED_BLOCK_MAX;
}

struct by_block {
    size_t block;
    struct view_node *node;
};

static int cmp_by_block(const void *pa, const void *pb)
{
    const struct by_block *a = pa, *b = pb;
    if (a->block != b->block)
        return a->block < b->block ? -1 : 1;
    return a->node->id < b->node->id ? -1 : a->node->id > b->node->id;
}

struct view_node **dot_grid_order(struct view_node *const *nodes, size_t n, const size_t *block,
                                  const size_t *block_size, size_t *units)
{
    struct view_node **sorted = xcalloc(n ? n : 1, sizeof(*sorted));
    struct by_block *keyed = xcalloc(n ? n : 1, sizeof(*keyed));
    size_t i;

    for (i = 0; i < n; i++) {
        keyed[i].block = block[nodes[i]->id];
        keyed[i].node = nodes[i];
    }
    xqsort(keyed, n, sizeof(*keyed), cmp_by_block);
    *units = 0;
    for (i = 0; i < n; i++) {
        sorted[i] = keyed[i].node;
        if (!dot_grid_framed(block_size, keyed[i].block) || i == 0 ||
            keyed[i - 1].block != keyed[i].block)
            (*units)++;
    }
    free(keyed);
    return sorted;
}
