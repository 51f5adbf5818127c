/*
 * rng.h - the benchmark generators' random numbers: xorshift64*, small,
 * fast and the same on every platform, so that a seed gives the same
 * account everywhere. Set rng_state (never 0) before the first rnd().
 */
#ifndef SGMAP_BENCH_RNG_H
#define SGMAP_BENCH_RNG_H

static unsigned long long rng_state;

/* A number in [0, n). */
static unsigned long rnd(unsigned long n)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (unsigned long)((rng_state * 2685821657736338717ULL) >> 33) % n;
}

#endif
