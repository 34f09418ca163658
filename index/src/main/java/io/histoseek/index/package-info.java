package io.histoseek.index;
