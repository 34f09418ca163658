package io.histoseek.model;
