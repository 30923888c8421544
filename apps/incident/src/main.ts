import { incidentContext } from '@itsm/incident';
import { runService } from '@itsm/platform/service';

/** The incident service in microservices mode (Kafka and MongoDB required); `npm start` is the all-in-one. */
void runService(incidentContext);
