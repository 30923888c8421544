import { slaContext } from '@itsm/sla';
import { runService } from '@itsm/platform/service';

/** The SLA service in microservices mode (Kafka and MongoDB required); `npm start` is the all-in-one. */
void runService(slaContext);
