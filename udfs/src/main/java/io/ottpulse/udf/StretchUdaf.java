package io.ottpulse.udf;

import io.confluent.ksql.function.udaf.Udaf;
import io.ottpulse.activity.viewing.ViewingEvent;
import io.ottpulse.activity.viewing.ViewingLedger;
import io.ottpulse.activity.viewing.ViewingStretch;
import java.util.function.Function;
import org.apache.kafka.connect.data.Struct;

/**
 * The aggregate behind every viewing function: rows fold into a {@link ViewingStretch} kept as a struct; session
 * windows merge by joining the earlier stretch with the later one; {@code map} reads the result off the stretch.
 *
 * @param <I> the row (a Pair or Triple of columns)
 * @param <L> the ledger the function needs
 * @param <O> the function's result
 */
final class StretchUdaf<I, L extends ViewingLedger<L>, O> implements Udaf<I, Struct, O> {

    private final StretchStructs<L> structs;
    private final LedgerCodec<L> ledger;
    private final Function<I, ViewingEvent> input;
    private final Function<ViewingStretch<L>, O> output;
    private final long timeoutMs;

    StretchUdaf(String aggregateSql, LedgerCodec<L> ledger, Function<I, ViewingEvent> input,
            Function<ViewingStretch<L>, O> output, long timeoutMs) {
        this.structs = new StretchStructs<>(aggregateSql, ledger, timeoutMs);
        this.ledger = ledger;
        this.input = input;
        this.output = output;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Struct initialize() {
        return structs.write(new ViewingStretch<>(timeoutMs));
    }

    @Override
    public Struct aggregate(I row, Struct aggregate) {
        ViewingEvent event = input.apply(row);
        if (event == null) {
            return aggregate == null ? initialize() : aggregate;
        }
        ViewingStretch<L> stretch = structs.read(aggregate);
        stretch.add(event, ledger::empty);
        return structs.write(stretch);
    }

    /** Session windows never overlap, so the one whose first event is earlier is the earlier stretch. */
    @Override
    public Struct merge(Struct aggOne, Struct aggTwo) {
        ViewingStretch<L> one = structs.read(aggOne);
        ViewingStretch<L> two = structs.read(aggTwo);
        boolean oneFirst = one.firstTimestamp() <= two.firstTimestamp();
        return structs.write(oneFirst ? ViewingStretch.join(one, two) : ViewingStretch.join(two, one));
    }

    @Override
    public O map(Struct aggregate) {
        return output.apply(structs.read(aggregate));
    }
}
