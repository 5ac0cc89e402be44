/** JMH benchmarks. Each reports ratios against a peer measured in the same run. */
package io.github.softmaxlab.bench;
