// SPDX-License-Identifier: GPL-2.0-only
/*
 * udpecho server ADDR PORT COUNT | udpecho client ADDR PORT COUNT SIZE:
 * traffic between the two virtio-net NICs (each in its own network
 * namespace, so it goes over the QEMU hub and not through lo).  The server
 * echoes COUNT datagrams back; the client sends COUNT datagrams of SIZE
 * bytes with a pattern that depends on the sequence number and checks that
 * every echo comes back intact within 2 s; after 3 lost in a row it gives
 * up (a network that delivers nothing must not cost COUNT timeouts).
 *
 * The datagrams carry no UDP checksum (SO_NO_CHECK; IPv4 receivers accept
 * that): the hub offers no offload, so the kernel would compute and verify
 * every checksum itself, and sid's 7.2 does that with the vector
 * instruction VCKSM, which the host's QEMU 7.2 TCG gets wrong (it returns
 * 2 * sum + word per word); every datagram was then dropped as
 * InCsumErrors.  The payload check below is what tells a bad transfer.
 * (Turning the vector facility off instead makes 7.2 stop at the first
 * machine check, e.g. a device_del, as QEMU then leaves the vector
 * registers' validity bit clear.)
 *
 * Not ping: a checked payload says more.  Prints "sent N ok N lost N bad
 * N"; exit 0 when all came back intact.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void fill(unsigned char *p, int len, unsigned int seq)
{
	int i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(seq * 31 + i * 7 + (i >> 8));
	memcpy(p, &seq, sizeof(seq));
}

int main(int argc, char **argv)
{
	static unsigned char buf[65536], want[65536];
	struct sockaddr_in sa = { .sin_family = AF_INET }, from;
	socklen_t fl = sizeof(from);
	struct timeval tv = { .tv_sec = 2 };
	int fd, count, size = 0, server, i, okc = 0, lost = 0, bad = 0, row = 0;
	int one = 1;
	ssize_t n;

	if (argc < 5 || (strcmp(argv[1], "server") && strcmp(argv[1], "client")) ||
	    (!strcmp(argv[1], "client") && argc != 6)) {
		fprintf(stderr, "usage: udpecho server|client ADDR PORT COUNT [SIZE]\n");
		return 2;
	}
	server = !strcmp(argv[1], "server");
	sa.sin_port = htons(atoi(argv[3]));
	count = atoi(argv[4]);
	if (inet_pton(AF_INET, argv[2], &sa.sin_addr) != 1)
		return 2;
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return 1;
	if (setsockopt(fd, SOL_SOCKET, SO_NO_CHECK, &one, sizeof(one))) {
		perror("udpecho: SO_NO_CHECK");
		return 1;
	}
	if (server) {
		if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
			perror("udpecho: bind");
			return 1;
		}
		tv.tv_sec = 60;
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		for (i = 0; i < count; i++) {
			n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
			if (n < 0)
				break;
			sendto(fd, buf, n, 0, (struct sockaddr *)&from, fl);
		}
		printf("# udpecho: echoed %d\n", i);
		return 0;
	}
	size = atoi(argv[5]);
	if (size < 4 || size > 65000)
		return 2;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	for (i = 0; i < count; i++) {
		fill(want, size, i);
		if (sendto(fd, want, size, 0, (struct sockaddr *)&sa, sizeof(sa)) != size) {
			fprintf(stderr, "udpecho: sendto: %s\n", strerror(errno));
			lost++;
			continue;
		}
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			lost++;
			if (++row == 3) {
				lost += count - i - 1;
				break;
			}
			continue;
		}
		row = 0;
		if (n != size || memcmp(buf, want, size))
			bad++;
		else
			okc++;
	}
	printf("# udpecho: sent %d ok %d lost %d bad %d\n", count, okc, lost, bad);
	return okc == count ? 0 : 1;
}
