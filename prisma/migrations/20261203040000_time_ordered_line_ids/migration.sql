-- Time-ordered ids for invoices and invoice lines (issue 9, run write speed).
-- A random UUID puts each new row's key on a random page of the primary key
-- (and, for an invoice, of invoice_lines' invoice_id index): once those
-- indexes outgrow the buffer cache, every line inserted touches a page not
-- in memory, and after each checkpoint writes a full page to the WAL, so a
-- run's per-line write cost grows with the table. These ids are UUIDs
-- (version 7 layout: 48 bits of Unix milliseconds, then random bits), so a
-- run's new keys land on the rightmost pages. Existing ids stay as they are.
CREATE FUNCTION "time_ordered_id"() RETURNS TEXT LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
    SELECT encode(
        set_bit(set_bit(
            overlay(uuid_send(gen_random_uuid())
                    PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                    FROM 1 FOR 6),
            52, 1), 53, 1),
        'hex')::uuid::text
$$;
ALTER TABLE "invoices" ALTER COLUMN "id" SET DEFAULT "time_ordered_id"();
ALTER TABLE "invoice_lines" ALTER COLUMN "id" SET DEFAULT "time_ordered_id"();
